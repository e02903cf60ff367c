"""`report_ids` (the chat's sidebar filters) limits every query and passage search."""
from ingest import store
from qa import answer


def _ids(db, where: str, *params) -> list[str]:
    conn = store.connect_readonly(db)
    try:
        return [r[0] for r in conn.execute(f"SELECT id FROM reports WHERE {where}", params)]
    finally:
        conn.close()


def test_rank_limited_to_filtered_reports(gold_settings, gold_db):
    fujian = _ids(gold_db, "province = ?", "福建省")
    a = answer("哪个单位的政府集中采购金额最高？", settings=gold_settings, report_ids=fujian)
    assert a.items[0].label == "福州市鼓楼区统计局"
    assert set(a.coverage.used) <= set(fujian)
    unlimited = answer("哪个单位的政府集中采购金额最高？", settings=gold_settings)
    assert unlimited.items[0].label != "福州市鼓楼区统计局"


def test_meta_and_aggregate_respect_the_limit(gold_settings, gold_db):
    zhejiang = _ids(gold_db, "province = ?", "浙江省")
    listed = answer("数据库里有哪些单位的年报？", settings=gold_settings, report_ids=zhejiang)
    assert {i.report for i in listed.items} == set(zhejiang)
    total = answer("所有单位共收到多少件政府信息公开申请？", settings=gold_settings, report_ids=zhejiang)
    assert total.value == 3  # 鹿城 1 + 鄞州 2


def test_agency_outside_the_limit_has_no_data(gold_settings, gold_db):
    zhejiang = _ids(gold_db, "province = ?", "浙江省")
    a = answer("温泉街道存在哪些主要问题？", settings=gold_settings, report_ids=zhejiang)
    assert a.status == "no_data"
