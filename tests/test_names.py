from geomap.names import fold


def test_fold_meets_variants_on_one_key():
    assert fold("Dar'ivka") == fold("Darivka") == fold("DAR’IVKA") == "darivka"
    assert fold("Nova-Kakhovka") == "nova kakhovka"
    assert fold("U.S.") == "u s"
    assert fold("Chersoń") == "cherson"
    assert fold("  Kyiv \n") == "kyiv"
