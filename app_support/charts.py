"""Charts for answers (Altair, which Streamlit draws): bars for rankings and comparisons, lines for trends."""
from __future__ import annotations

import altair as alt
import pandas as pd

BAR_HEIGHT = 34
COLOR = "#1d4ed8"


def bars(rows: list[dict]) -> alt.Chart:
    """Horizontal bars in the answer's order, full agency names, the value printed at each bar's end."""
    data = pd.DataFrame(rows)
    order = list(data["label"])
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=360), scale=alt.Scale(paddingInner=0.25))
    x = alt.X("value:Q", title=None, axis=alt.Axis(format="~s" if data["value"].abs().max() >= 10_000 else "~g",
                                                   tickMinStep=1))
    base = alt.Chart(data).encode(y=y, x=x, tooltip=[alt.Tooltip("label:N", title="单位"),
                                                      alt.Tooltip("value:Q", title="数值", format=",.2~f")])
    text = base.mark_text(align="left", dx=4, color="#333").encode(text=alt.Text("value:Q", format=",.2~f"))
    return (base.mark_bar(color=COLOR) + text).properties(height=BAR_HEIGHT * len(order) + 30)


def line(rows: list[dict]) -> alt.Chart:
    """One line per agency over the report years."""
    data = pd.DataFrame(rows)
    return alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("year:O", title="年份 Year"), y=alt.Y("value:Q", title=None),
        color=alt.Color("label:N", title="单位 Agency"),
        tooltip=[alt.Tooltip("label:N", title="单位"), alt.Tooltip("year:O", title="年份"),
                 alt.Tooltip("value:Q", title="数值", format=",.2~f")]).properties(height=280)
