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


def test_document_evidence_counts_every_matching_chunk_with_decay():
    from core.retrieval.fusion import document_evidence

    owner = {1: 10, 2: 10, 3: 20, 4: 30}
    # document 10 has two good chunks, 20 one slightly better chunk
    evidence = document_evidence([[(3, 1.0), (1, 0.9), (2, 0.8)]], owner, decay=0.5)
    assert evidence[10] == 1.0  # 0.9 + 0.5 * 0.8 = 1.3, the best document
    assert evidence[20] == 1.0 / 1.3
    # weights split across lists; a chunk with no known document adds nothing
    evidence = document_evidence([[(1, 2.0)], [(4, 5.0), (9, 4.0)]], owner)
    assert evidence == {10: 0.5, 30: 0.5}
    assert document_evidence([[], [(3, 0.0)]], owner) == {}


def test_document_evidence_lifts_a_chunk_whose_section_keeps_matching():
    from core.retrieval.fusion import with_document_evidence

    owner = {1: 10, 2: 10, 3: 20}
    fused = [(3, 0.9), (1, 0.8), (2, 0.7)]
    ranked = with_document_evidence(fused, {10: 1.0, 20: 0.4}, owner, weight=0.5)
    assert [item for item, _ in ranked] == [1, 2, 3]  # both chunks of 10 pass 3
    assert all(0.0 <= score <= 1.0 for _, score in ranked)
    unchanged = with_document_evidence(fused, {}, owner, weight=0.5)
    assert [item for item, _ in unchanged] == [3, 1, 2]
