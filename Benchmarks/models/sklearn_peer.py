"""scikit-learn on the CSV propel-bench wrote: LogisticRegression(lbfgs) on standardized,
zero-filled features and HistGradientBoostingClassifier on raw features (NaN native), the same
hyperparameters as ours. Prints one JSON object; best of N runs."""
import json
import os
import sys
import time

import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def best(repeats, fit):
    fastest, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fit()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest, result


def search(x, y, trials):
    """The same configurations our search tried, on an 80 % training split with a quarter of it
    held out for validation, as `ml.search` does."""
    x_train, _, y_train, _ = train_test_split(x, y, test_size=0.2, stratify=y, random_state=42)
    x_fit, x_val, y_fit, y_val = train_test_split(x_train, y_train, test_size=0.25, stratify=y_train, random_state=42)
    start, best_auc = time.perf_counter(), 0.0
    for t in trials:
        model = HistGradientBoostingClassifier(max_iter=int(t["trees"]), learning_rate=t["learningRate"],
                                               max_depth=int(t["maxDepth"]), min_samples_leaf=int(t["minSamplesLeaf"]),
                                               early_stopping=False, random_state=42).fit(x_fit, y_fit)
        best_auc = max(best_auc, roc_auc_score(y_val, model.predict_proba(x_val)[:, 1]))
    return time.perf_counter() - start, best_auc


def main(path, smoke):
    frame = pd.read_csv(path)
    x, y = frame.drop(columns=["label"]), frame["label"]

    def logistic():
        # Our logistic model includes its preprocessing, so sklearn's timing does too.
        scaler = StandardScaler().fit(x.fillna(0))
        model = LogisticRegression(solver="lbfgs", C=1.0).fit(scaler.transform(x.fillna(0)), y)
        return scaler, model

    def boosted():
        return HistGradientBoostingClassifier(learning_rate=0.1, max_iter=100, max_leaf_nodes=31, min_samples_leaf=20,
                                              early_stopping=False, random_state=0).fit(x, y)

    lr_seconds, (scaler, lr) = best(1 if smoke else 5, logistic)
    gbt_seconds, gbt = best(1 if smoke else 3, boosted)
    with open(os.path.join(os.path.dirname(path), "models-search-trials.json")) as f:
        search_seconds, search_auc = search(x, y, json.load(f))
    print(json.dumps({
        "sklearn_search_seconds": search_seconds,
        "sklearn_search_best_auc": search_auc,
        "sklearn_logistic_train_seconds": lr_seconds,
        "sklearn_gbt_train_seconds": gbt_seconds,
        "sklearn_logistic_train_auc": roc_auc_score(y, lr.predict_proba(scaler.transform(x.fillna(0)))[:, 1]),
        "sklearn_gbt_train_auc": roc_auc_score(y, gbt.predict_proba(x)[:, 1]),
    }, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1], "--smoke" in sys.argv)
