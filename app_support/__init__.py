"""Library-side helpers for the Streamlit app (`app.py`): no Streamlit imports here.

`catalog`  what is in the store, the sidebar filters, the CSV export
`answers`  an `Answer` turned into what the chat shows (sources, chart data, coverage, guessed units)
`charts`   the Altair charts of rankings, comparisons and trends
`chat`     asking `qa` (history, the sidebar filters as a scope when qa takes one, the passage index)
`reports`  one stored report as the Reports page shows it (sections, the three tables with cell states)
`uploads`  checking, saving and ingesting uploaded report files
"""
