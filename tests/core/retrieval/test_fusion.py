from core.retrieval.fusion import convex_combination, reciprocal_rank_fusion


def test_rank_fusion_rewards_ids_ranked_well_by_both_lists():
    fused = reciprocal_rank_fusion([[1, 2, 3], [3, 2, 4]])
    assert {item for item, _ in fused[:2]} == {2, 3}


def test_convex_combination_keeps_score_gaps_and_scales_to_one():
    fused = dict(convex_combination([[(1, 0.9), (2, 0.3)], [(2, 12.0), (3, 11.0)]]))
    assert fused[2] == 0.5 * 0.3 / 0.9 + 0.5 * 1.0
    assert max(fused.values()) <= 1.0
    assert fused[1] > fused[3] * 0.9  # a strong dense-only hit is not buried by rank


def test_an_empty_or_all_negative_list_adds_nothing():
    assert convex_combination([[], [(5, 2.0)]]) == [(5, 0.5)]
    assert dict(convex_combination([[(1, -0.2)], [(1, 1.0)]])) == {1: 0.5}
