#!/usr/bin/env python3
"""Writes fixtures/bench/homepage-40k.html: a fictional ~40 KB homepage in the responsive one-<p>-per-entry
layout (group members, recent publications, talks), for `monitor-bench`. Deterministic: same output each run."""
import os
import random

rng = random.Random(40)
FIRST = ["Ada", "Bo", "Cai", "Dana", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea", "Mio", "Noor",
         "Oli", "Pia", "Quin", "Rui", "Sol", "Tove", "Uma", "Vik", "Wen", "Xia", "Yara", "Zev"]
LAST = ["Lindqvist", "Okafor", "Moreau", "Tanaka", "Silva", "Novak", "Haddad", "Kowalski", "Nakamura",
        "Petrov", "Rossi", "Schmidt", "Varga", "Ibarra", "Jensen", "Kaur", "Larsen", "Mensah", "Osei"]
WORDS = ["Sparse", "Adaptive", "Robust", "Scalable", "Efficient", "Latent", "Neural", "Structured",
         "Transfer", "Learning", "Models", "Representations", "Alignment", "Retrieval", "Generation",
         "Audio", "Language", "Graphs", "Priors", "Attention", "Mixtures", "Experts", "Data", "Benchmarks"]
VENUES = ["Proceedings of the 40th International Conference on Machine Learning (ICML)",
          "Advances in Neural Information Processing Systems 36 (NeurIPS)",
          "Transactions of the Association for Computational Linguistics (TACL)",
          "arXiv preprint arXiv:2301.01234", "12th International Conference on Learning Representations (ICLR)"]


def name():
    return "%s %s" % (rng.choice(FIRST), rng.choice(LAST))


def title():
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9)))


parts = ["""<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Ada Lindqvist</title>
    <style>body { font-family: sans-serif; max-width: 45em; margin: auto; } h2 a { color: inherit; }</style>
</head>
<body>
    <header><h1>Ada Lindqvist</h1></header>
    <main>
        <p>I am an assistant professor at Example University, where I lead a group working on machine
        learning for sequences. This page is fictional and exists to benchmark homepage-monitor.</p>
    </main>
    <section>
        <h2><a href="#students" id="students">Group members</a></h2>
        <p>
"""]
for i in range(12):
    parts.append('<a href="https://member%d.example.org/">%s</a>, PhD student at Example University<br />\n'
                 % (i, name()))
parts.append("""        </p>
    </section>
    <section>
        <h2><a href="#publications" id="publications">Recent publications</a></h2>
""")
for i in range(76):
    authors = [name() for _ in range(rng.randint(2, 12))]
    authors.insert(rng.randrange(len(authors)), "<b>Ada Lindqvist</b>")
    year = rng.choice(["2023", "2024", "2024 (to appear)"])
    parts.append("""        <p><a href="https://arxiv.org/abs/2401.%05d">%s</a><br />
        %s, and %s<br />
        <i>%s</i>, %s.<br />
        </p>
""" % (i, title(), ", ".join(authors[:-1]), authors[-1], rng.choice(VENUES), year))
parts.append("""    </section>
    <section>
        <h2><a id="talks">Talks</a></h2>
""")
for i in range(58):
    parts.append('        <p><a href="https://ada-lindqvist.example.org/talks/%d.pdf">%s</a> at %s, %d.</p>\n'
                 % (i, title(), ", ".join("%s University Seminar" % rng.choice(LAST)
                                          for _ in range(rng.randint(1, 3))), rng.randint(2015, 2024)))
parts.append("""    </section>
</body>
</html>
""")
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "bench", "homepage-40k.html")
with open(out, "w", encoding="utf-8") as f:
    f.write("".join(parts))
print("%s: %d bytes" % (os.path.normpath(out), os.path.getsize(out)))
