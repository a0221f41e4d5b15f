"""Accuracy parity with scikit-learn: our trainer and sklearn's see the same exported split.

The data is a propensity-like problem made here with a fixed seed: 14 features shaped like the
featurized set (event counts and minutes-since recencies, missing when the event never
happened), ~15 % positives. `propel ml-parity` trains on the train CSV and reports test metrics.
"""
import json
import os
import subprocess

import numpy as np
import pandas as pd
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

COUNTS = ["emailsReceived", "emailsOpened", "emailsClicked", "productsViewed",
          "propositionInteracts", "propositionDismissed", "webLinkClicks"]
RECENCIES = ["minutes_since_emailSent", "minutes_since_emailOpened", "minutes_since_emailClick",
             "minutes_since_productView", "minutes_since_propositionInteract",
             "minutes_since_propositionDismiss", "minutes_since_linkClick"]


def make_problem(n, seed=20261122):
    rng = np.random.default_rng(seed)
    rates = [5.0, 2.0, 0.45, 0.35, 0.03, 0.03, 0.35]
    data = {}
    for name, rate, recency in zip(COUNTS, rates, RECENCIES):
        counts = rng.poisson(rate * rng.gamma(2.0, 0.5, n))
        minutes = rng.exponential(20000.0 / (1 + counts), n).round()
        data[name] = counts.astype(float)
        data[recency] = np.where(counts > 0, minutes, np.nan)
    frame = pd.DataFrame(data)
    recent_click = np.nan_to_num(frame["minutes_since_emailClick"].to_numpy(), nan=1e5)
    z = (-3.7 + 1.6 * np.log1p(frame["emailsClicked"]) + 1.3 * np.log1p(frame["productsViewed"])
         + 1.1 * np.log1p(frame["webLinkClicks"]) + 0.8 * frame["propositionInteracts"]
         + 2.4 * (recent_click < 3000) + 0.4 * np.log1p(frame["emailsOpened"]) * (frame["emailsReceived"] > 4))
    frame["label"] = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(int)
    return frame


@pytest.fixture(scope="module")
def split(tmp_path_factory):
    frame = make_problem(24000)
    positives = frame["label"].mean()
    assert 0.10 < positives < 0.20, positives
    train, test = train_test_split(frame, test_size=0.25, stratify=frame["label"], random_state=0)
    folder = tmp_path_factory.mktemp("parity")
    paths = folder / "train.csv", folder / "test.csv"
    train.to_csv(paths[0], index=False)
    test.to_csv(paths[1], index=False)
    return train, test, paths


def propel_metrics(paths, model):
    binary = os.environ.get("PROPEL_BIN")
    if not binary:
        pytest.skip("PROPEL_BIN is not set (scripts/test sets it)")
    out = subprocess.run([binary, "ml-parity", str(paths[0]), str(paths[1]), "--model", model],
                         check=True, capture_output=True, text=True, timeout=600)
    return json.loads(out.stdout)


def features(frame):
    return frame.drop(columns=["label"])


def test_logistic_regression_matches_sklearn_lbfgs(split):
    train, test, paths = split
    scaler = StandardScaler().fit(features(train).fillna(0))
    model = LogisticRegression(solver="lbfgs", C=1.0, max_iter=5000, tol=1e-10)
    model.fit(scaler.transform(features(train).fillna(0)), train["label"])
    theirs = roc_auc_score(test["label"], model.predict_proba(scaler.transform(features(test).fillna(0)))[:, 1])
    ours = propel_metrics(paths, "logistic")
    assert abs(ours["roc_auc"] - theirs) <= 0.002, (ours, theirs)


def test_boosted_trees_match_sklearn_hist_gradient_boosting(split):
    train, test, paths = split
    model = HistGradientBoostingClassifier(learning_rate=0.1, max_iter=100, max_leaf_nodes=31,
                                           min_samples_leaf=20, l2_regularization=0.0,
                                           early_stopping=False, random_state=0)
    model.fit(features(train), train["label"])
    theirs = roc_auc_score(test["label"], model.predict_proba(features(test))[:, 1])
    ours = propel_metrics(paths, "gbt")
    assert abs(ours["roc_auc"] - theirs) <= 0.01, (ours, theirs)


def test_bad_training_file_is_a_located_error(tmp_path):
    binary = os.environ.get("PROPEL_BIN")
    if not binary:
        pytest.skip("PROPEL_BIN is not set")
    bad = tmp_path / "bad.csv"
    bad.write_text("a,label\n1,0\nx,1\n")
    out = subprocess.run([binary, "ml-parity", str(bad), str(bad)], capture_output=True, text=True)
    assert out.returncode != 0
    assert "line 3, column `a`" in out.stderr
