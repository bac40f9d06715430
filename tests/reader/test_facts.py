"""Splitting a definition's text: sentences, labelled clauses, formulas, thresholds."""
from __future__ import annotations

import pytest

from generator.reader.facts import find_formulas, find_thresholds, split_parts, split_sentences


def test_sentences_respect_brackets_and_abbreviations():
    text = "Step decay: reduce LR (e.g., divide by 10. Then more). Next sentence vs. other. Last (1) item."
    assert split_sentences(text) == ["Step decay: reduce LR (e.g., divide by 10. Then more).", "Next sentence vs. other.", "Last (1) item."]


def test_clause_labels_at_most_four_words():
    parts = split_parts("Core text. Use when: data has outliers. Required for algorithms assuming normal data: SVM.", [])
    assert [(p.kind, p.label) for p in parts] == [("core", None), ("clause", "Use when"), ("sentence", None)]


def test_comparison_is_not_a_label():
    [part] = split_parts("PSI < 0.1: no shift.", [])
    assert part.kind == "core"


@pytest.mark.parametrize("term,text,expected", [
    ("Precision", "TP / (TP + FP).", [("Precision", "TP / (TP + FP)")]),
    ("Mean Absolute Error (MAE)", "(1/n) Σ |y - ŷ|.", [("MAE", "(1/n) Σ |y - ŷ|")]),
    ("Recall (Sensitivity)", "TP / (TP + FN).", [("Recall", "TP / (TP + FN)")]),
    ("Cost", "Expected value = Σ (count × value) for TP, TN, FP, FN.", [("Expected value", "Σ (count × value) for TP, TN, FP, FN")]),
    ("Logit", "P(y=1) = 1/(1 + e^(-z)), z = β₀ + β₁x₁ + ....", [("P(y=1)", "1/(1 + e^(-z))"), ("z", "β₀ + β₁x₁ + ...")]),
    ("R²", "R² = 1: perfect fit.", [("R²", "1")]),
])
def test_formulas_found(term, text, expected):
    parts = split_parts(text, [])
    assert [(f.lhs, f.rhs) for f in find_formulas(term, parts)] == expected


@pytest.mark.parametrize("text", [
    "Linear Regression, Ridge/Lasso Regression, Neural Networks.",
    "Linear Regression (coefficient = feature impact).",
    "High dimensionality (100 categories = 100 features).",
    "Undefined when y = 0.",
    "SSE-S3 (AES-256).",
    "TLS/SSL for all API calls (HTTPS endpoints).",
    "Scales to petabyte-scale processing.",
])
def test_prose_is_not_a_formula(text):
    assert find_formulas("Term", split_parts(text, [])) == ()


def test_thresholds():
    parts = split_parts("PSI < 0.1: no shift, 0.1-0.25: moderate. Use when: 1,000+ examples, up to 90% savings, <10ms.", [])
    assert [t.value for t in find_thresholds(parts)] == ["< 0.1", "0.1-0.25", "1,000+ examples", "up to 90%", "<10ms"]
    assert find_thresholds(split_parts("Use ml.m5.xlarge on P3 with S3 and EC2 (Type I error).", [])) == ()
