#!/usr/bin/env python3
"""scikit-learn baseline for GermEval 2018 task 1 (OFFENSE vs OTHER).

TfidfVectorizer(word 1-2) + TfidfVectorizer(char_wb 2-5), both sublinear,
min_df 2, l2 each; LogisticRegression(class_weight="balanced", C=1 by
default, sklearn's default). Trained on the training file, evaluated once on
the test file. Prints GermEval's macro-F1 (F1 of the macro-averaged precision
and recall), the mean of class F1s, ROC-AUC, training time and scoring
throughput.

    python3 -m venv /tmp/skvenv && /tmp/skvenv/bin/pip install scikit-learn
    /tmp/skvenv/bin/python scripts/sklearn_baseline.py [GERMEVAL_DIR]
"""
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support, roc_auc_score
from sklearn.pipeline import make_pipeline, make_union

root = sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets/germeval2018"


def read(path):
    texts, labels = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            texts.append(cols[0].replace("|LBR|", " "))
            labels.append(1 if cols[1].strip() == "OFFENSE" else 0)
    return texts, labels


xtr, ytr = read(f"{root}/germeval2018.training.txt")
xte, yte = read(f"{root}/germeval2018.test.txt")

pipe = make_pipeline(
    make_union(
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=2, lowercase=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2, lowercase=True),
    ),
    LogisticRegression(class_weight="balanced", max_iter=2000),
)
t0 = time.perf_counter()
pipe.fit(xtr, ytr)
train_s = time.perf_counter() - t0
t0 = time.perf_counter()
proba = pipe.predict_proba(xte)[:, 1]
score_s = time.perf_counter() - t0
pred = (proba >= 0.5).astype(int)

p, r, f, s = precision_recall_fscore_support(yte, pred, labels=[0, 1], zero_division=0)
mp, mr = p.mean(), r.mean()
germeval = 2 * mp * mr / (mp + mr)
print(f"train {len(ytr)} tweets, test {len(yte)} tweets")
for name, i in (("OTHER", 0), ("OFFENSE", 1)):
    print(f"  {name:<8} P {p[i]:.4f}  R {r[i]:.4f}  F1 {f[i]:.4f}  n {s[i]}")
print(f"GermEval macro-F1 (F1 of macro P and R): {100 * germeval:.2f}")
print(f"mean of class F1s: {100 * f.mean():.2f}   ROC-AUC {roc_auc_score(yte, proba):.4f}")
print(f"training time {train_s:.1f} s   scoring {len(yte) / score_s:.0f} tweets/s")
