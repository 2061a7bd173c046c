"""One glossary and one language switch for the whole course.

* ``GLOSSARY``: every technical term the notebooks use.  ``term`` is the form Bengali prose
  uses (the source notes keep most technical terms in English, e.g. "hidden state",
  "context vector"); ``bn`` is its Bengali gloss, given once where the term is introduced.
* ``LABELS``: the text of figure titles, axis labels, legends and widget labels, in
  Bengali and English.  Plots and widgets never hard-code a label; they call ``t(key)``.
* ``set_language("bn" | "en" | "both")`` switches every later figure and widget.
* ``bilingual(bn, en)``: one message in both languages (used by every error message).

Only the standard library is imported here.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["GLOSSARY", "LABELS", "set_language", "get_language", "t", "term", "gloss",
           "bilingual", "label", "subscript", "glossary_markdown"]


from .validate import bilingual, choice, fail


@dataclass(frozen=True)
class Term:
    en: str      # the English term
    term: str    # the form used inside Bengali prose (as the notes write it)
    bn: str      # the Bengali gloss, given once where the term is introduced


GLOSSARY: dict[str, Term] = {
    "attention": Term("attention", "attention", "মনোযোগ"),
    "seq2seq": Term("sequence-to-sequence (seq2seq)", "Seq2Seq", "এক ক্রম (যেমন একটা বাংলা বাক্য) থেকে আরেক ক্রম (যেমন তার ইংরেজি) বানানোর মডেল"),
    "sequence": Term("sequence", "sequence", "ক্রম; পরপর সাজানো শব্দ বা অক্ষর"),
    "token": Term("token", "token", "শব্দ বা অক্ষরের একক"),
    "encoder": Term("encoder", "encoder", "যে অংশ ইনপুট পড়ে সংখ্যায় রূপ দেয়"),
    "decoder": Term("decoder", "decoder", "যে অংশ এক এক করে আউটপুট লেখে"),
    "hidden_state": Term("hidden state", "hidden state", "লুকানো অবস্থা; কোনো ধাপ পর্যন্ত পড়া তথ্যের সংখ্যা-রূপ"),
    "decoder_state": Term("decoder state", "decoder state", "decoder-এর বর্তমান অবস্থা"),
    "query": Term("query", "query", "প্রশ্ন: decoder এই মুহূর্তে কী খুঁজছে"),
    "score": Term("alignment score", "score", "মিলের মাপ: কোন ইনপুট কতটা প্রাসঙ্গিক"),
    "energy": Term("energy", "energy", "score-এরই আরেক নাম"),
    "dot_product": Term("dot product", "dot product", "স্কেলার গুণফল: দুই ভেক্টরের একই অবস্থানের সংখ্যা গুণ করে সব যোগ"),
    "general_score": Term("general score", "general score", "মাঝে একটি শেখা matrix W বসানো dot product"),
    "additive_score": Term("additive score", "additive score", "যোগভিত্তিক score, Bahdanau-র প্রস্তাব; তাঁরা query হিসেবে নেন sₜ₋₁"),
    "concat_score": Term("concat score", "concat score", "Luong-এর দেওয়া নাম: একই additive score, তবে query sₜ"),
    "scaled_dot": Term("scaled dot product", "scaled dot product", "√d দিয়ে ভাগ করা dot product"),
    "softmax": Term("softmax", "softmax", "যে ফাংশন যেকোনো এক সারি সংখ্যাকে সম্ভাবনা বণ্টনে বদলে দেয়"),
    "attention_weight": Term("attention weight", "attention weight", "মনোযোগের ভাগ; সবগুলোর যোগফল 1"),
    "probability": Term("probability distribution", "probability distribution", "সম্ভাবনা বণ্টন"),
    "context_vector": Term("context vector", "context vector", "প্রসঙ্গ-ভেক্টর: hᵢ-গুলোর ভারযুক্ত গড়"),
    "bottleneck": Term("bottleneck", "bottleneck", "সরু গলা: সব তথ্য এক জায়গা দিয়ে যেতে বাধ্য"),
    "alignment": Term("alignment", "alignment", "আউটপুটের কোন অংশ ইনপুটের কোন অংশের সাথে মেলে"),
    "output": Term("output", "output", "আউটপুট; decoder যা লেখে"),
    "vocabulary": Term("vocabulary", "vocabulary", "শব্দভান্ডার: যত শব্দ বা অক্ষর মডেল চেনে"),
    "temperature": Term("temperature", "temperature", "softmax কতটা তীক্ষ্ণ বা নরম হবে তার নিয়ন্ত্রক"),
    "heatmap": Term("heatmap", "heatmap", "রঙে আঁকা সংখ্যার ছক"),
    "self_attention": Term("self-attention", "self-attention", "একই ক্রমের শব্দগুলো যখন একে অপরের দিকে তাকায়"),
    "multi_head": Term("multi-head attention", "multi-head attention", "একসাথে কয়েকটি attention"),
    "transformer": Term("Transformer", "Transformer", "2017 সালে আসা attention-নির্ভর মডেল"),
    "rnn": Term("recurrent neural network (RNN)", "RNN", "যে নিউরাল নেটওয়ার্ক ধাপে ধাপে পড়ে"),
    "teacher_forcing": Term("teacher forcing", "teacher forcing", "প্রশিক্ষণে মডেলের নিজের অনুমানের বদলে আগের সঠিক শব্দটাই পরের ধাপে ইনপুট দেওয়া"),
    # lessons 05-08
    "one_hot": Term("one-hot", "one-hot", "একটিতে 1, বাকি সব 0"),
    "overflow": Term("overflow", "overflow", "সংখ্যা কম্পিউটারের সীমা ছাড়িয়ে inf হয়ে যাওয়া"),
    "numerical_stability": Term("numerical stability", "numerical stability",
                                "সীমিত-নির্ভুলতার কম্পিউটারেও হিসাব ঠিক থাকা"),
    "test_case": Term("test case", "test case", "যাচাইয়ের একটি উদাহরণ: কোন input দিলে কোন উত্তর আসা উচিত"),
    "autograding": Term("autograding", "autograding", "যন্ত্রে নম্বর দেওয়া: পরীক্ষার cell চালিয়ে আপনা-আপনি নম্বর বসে"),
    "mask": Term("mask", "mask", "কোন অবস্থান হিসাবে থাকবে আর কোনটা বাদ যাবে, তার তালিকা"),
    "padding": Term("padding", "padding", "ছোট বাক্যের শেষে জুড়ে দেওয়া ফাঁকা token, যাতে সব বাক্য সমান লম্বা হয়"),
    "batch": Term("batch", "batch", "একসাথে হিসাব করা কয়েকটি উদাহরণের দল"),
    "convex_combination": Term("convex combination", "convex combination",
                               "এমন ভারযুক্ত যোগ যার ভার অঋণাত্মক আর যোগফল 1"),
    "concatenation": Term("concatenation", "concatenation", "দুটো ভেক্টর পরপর জুড়ে একটি লম্বা ভেক্টর বানানো"),
    "attentional_hidden_state": Term("attentional hidden state", "attentional hidden state",
                                     "sₜ আর cₜ মিলিয়ে তৈরি নতুন অবস্থা"),
    "input_feeding": Term("input feeding", "input feeding", "আগের ধাপের s̃ₜ₋₁-কে পরের ধাপের RNN-এ ইনপুট হিসেবে দেওয়া (Luong)"),
    "convex_hull": Term("convex hull", "convex hull", "কয়েকটি বিন্দুকে ঘিরে রাখা সবচেয়ে ছোট উত্তল বহুভুজ"),
    "argmax": Term("argmax", "argmax", "যে অবস্থানে মান সবচেয়ে বড়, তার নম্বর"),
    # lessons 01-04
    "embedding": Term("embedding", "embedding", "শব্দের সংখ্যা-রূপ: প্রতিটি শব্দের জন্য কয়েকটি সংখ্যার একটি ভেক্টর"),
    "parameter": Term("learnable parameter", "parameter", "মডেলের শেখা সংখ্যা: প্রশিক্ষণে যে matrix আর vector-গুলোর মান ঠিক হয়"),
    "lstm_gru": Term("LSTM / GRU", "LSTM/GRU", "gate-যুক্ত RNN, যা লম্বা sequence-এও তথ্য ধরে রাখতে পারে"),
    "bidirectional": Term("bidirectional encoder", "bidirectional encoder",
                          "যে encoder বাক্যটা সামনে থেকে আর পেছন থেকে, দুই দিক থেকেই পড়ে"),
    # lessons 10-11: training
    "training": Term("training", "train", "প্রশিক্ষণ: উদাহরণ দেখিয়ে দেখিয়ে parameter একটু একটু করে ঠিক করা"),
    "loss": Term("loss", "loss", "ভুলের মাপ: সঠিক শব্দকে মডেল যত কম সম্ভাবনা দেয়, loss তত বেশি"),
    "gradient": Term("gradient", "gradient", "প্রতিটি parameter একটু বাড়ালে loss কতটা বাড়ে, তার হিসাব"),
    "learning_rate": Term("learning rate", "learning rate", "শেখার হার: প্রতিটি ধাপে parameter কত বড় পা ফেলে বদলাবে"),
    "greedy_decoding": Term("greedy decoding", "greedy decoding",
                            "প্রতিটি ধাপে সবচেয়ে সম্ভাব্য শব্দটা লিখে সেটাই পরের ধাপে ইনপুট দেওয়া"),
    "exact_match": Term("exact match", "exact match", "পুরো উত্তর হুবহু ঠিক হলে তবেই সঠিক ধরা"),
    # lessons 12-14: types of attention, limits, the Transformer
    "key_value": Term("key and value", "key/value", "যার সাথে query মেলানো হয় (key), আর মিললে যা নেওয়া হয় (value)"),
    "causal_mask": Term("causal mask", "causal mask", "যে mask কোনো অবস্থানকে তার পরের শব্দ দেখতে দেয় না"),
    "global_local": Term("global / local attention", "global/local attention",
                         "সব ইনপুট দেখা (global), নাকি একটা জানালার ভেতরের কয়েকটি (local)"),
    "complexity": Term("quadratic cost O(T²)", "O(T²)", "দৈর্ঘ্য দ্বিগুণ হলে খরচ চারগুণ"),
    "online_softmax": Term("online softmax", "online softmax",
                           "ধাপে ধাপে পড়তে পড়তে চলতি সর্বোচ্চ মান আর যোগফল রেখে softmax করা"),
    "residual": Term("residual connection", "residual connection", "ইনপুটটাই আউটপুটের সাথে যোগ করে দেওয়া"),
    "layer_norm": Term("layer normalization", "layer norm", "প্রতিটি vector-এর গড় 0 আর বিস্তার 1 করে নেওয়া"),
    "feed_forward": Term("feed-forward network", "feed-forward", "প্রতিটি অবস্থানে আলাদা করে চলা ছোট দুই-স্তরের নেটওয়ার্ক"),
    "bleu": Term("BLEU", "BLEU", "যন্ত্রের অনুবাদ মানুষের অনুবাদের সাথে শব্দ আর শব্দগুচ্ছে কতটা মেলে, তার 0-100 মাপ"),
}


LABELS: dict[str, tuple[str, str]] = {
    # key: (Bengali, English)
    "encoder_position": ("encoder-এর অবস্থান i", "encoder position i"),
    "decoder_step": ("decoder-এর ধাপ t", "decoder step t"),
    "input_token": ("ইনপুট", "input"),
    "output_token": ("আউটপুট", "output"),
    "score_axis": ("score  e", "score  e"),
    "weight_axis": ("attention weight  α", "attention weight  α"),
    "value_axis": ("মান", "value"),
    "scores_title": ("ধাপ ৩: score — কোন hᵢ কতটা প্রাসঙ্গিক", "Step 3: scores — how relevant is each hᵢ"),
    "weights_title": ("ধাপ ৪: softmax-এর পর weight (যোগফল = 1)", "Step 4: weights after softmax (sum = 1)"),
    "heatmap_title": ("attention heatmap: কোন আউটপুট কোন ইনপুট দেখছে",
                      "Attention heatmap: which input each output looks at"),
    "context_title": ("ধাপ ৫: context vector — hᵢ-গুলোর ভারযুক্ত গড়",
                      "Step 5: the context vector — a weighted average of the hᵢ"),
    "weight_colorbar": ("attention weight", "attention weight"),
    "step1": ("ধাপ ১: encoder", "Step 1: encoder"),
    "step2": ("ধাপ ২: decoder state (query)", "Step 2: decoder state (query)"),
    "step3": ("ধাপ ৩: score", "Step 3: scores"),
    "step4": ("ধাপ ৪: softmax", "Step 4: softmax"),
    "step5": ("ধাপ ৫: context vector", "Step 5: context vector"),
    "step6": ("ধাপ ৬: আউটপুট", "Step 6: output"),
    "arch_title": ("attention-এর পুরো পথ, এক নজরে", "The whole attention flow at a glance"),
    "widget_static": ("[এখানে একটা চলন্ত explorer আছে, slider বা লেখার ঘর দিয়ে নাড়াচাড়া করার জন্য: নোটবুকটা Jupyter বা Colab-এ "
                      "চালালে দেখা যাবে; ওপরের ছবি তার শুরুর অবস্থা]",
                      "[a live explorer runs here, with sliders or a text box to play with: run the notebook in "
                      "Jupyter or Colab to use it; the picture above shows how it starts]"),
    "no_attention": ("এই মডেলে attention নেই (vanilla): দেখানোর মতো heatmap নেই।",
                     "This model has no attention (vanilla): there is no heatmap to show."),
    "steps_title": ("প্রশিক্ষণের সাথে সাথে নির্ভুলতা", "Accuracy as training goes on"),
    "sequence_length_T": ("ক্রমের দৈর্ঘ্য T", "sequence length T"),
    "time_axis": ("সময় (সেকেন্ড)", "time (seconds)"),
    "memory_axis": ("বাড়তি memory (MB)", "extra memory (MB)"),
    "cost_title": ("T বাড়লে attention-এর খরচ (log-log)", "The cost of attention as T grows (log-log)"),
    "query_token": ("query (যে তাকায়)", "query (who looks)"),
    "key_token": ("key (যার দিকে তাকায়)", "key (looked at)"),
    "head_title": ("head {k}", "head {k}"),
    "softmax_all": ("softmax: সব eₜ,ⱼ মিলিয়ে", "softmax over all eₜ,ⱼ"),
    "all_h": ("সব hᵢ", "all hᵢ"),
    "encoder": ("encoder", "encoder"),
    "decoder": ("decoder", "decoder"),
    "fixed_context": ("একটাই fixed context C", "one fixed context C"),
    "sentence_length": ("বাক্যের দৈর্ঘ্য (শব্দ)", "sentence length (words)"),
    "recovered": ("ফিরে পাওয়া তথ্যের ভাগ", "share of the input recovered"),
    "bottleneck_title": ("একটি fixed context-এ কতটা ধরে?", "How much fits in one fixed context?"),
    "numbers_per_word": ("প্রতি শব্দে বরাদ্দ সংখ্যা", "numbers available per word"),
    "vanilla": ("vanilla Seq2Seq (একটাই C)", "vanilla Seq2Seq (one C)"),
    "with_attention": ("attention সহ (প্রতি ধাপে নতুন cₜ)", "with attention (a new cₜ each step)"),
    "temperature": ("temperature", "temperature"),
    "probability_axis": ("সম্ভাবনা", "probability"),
    "word_axis": ("শব্দ", "word"),
    "context_marker": ("context cₜ", "context cₜ"),
    "self_check_ok": ("বাংলা ঠিকঠাক দেখা যাচ্ছে", "Bengali renders correctly"),
    # lessons 10-11: trained models
    "accuracy_axis": ("পুরোপুরি সঠিক উত্তরের হার", "exact-match accuracy"),
    "vanilla_at_step": ("vanilla, {steps} ধাপ পরে", "vanilla after {steps} steps"),
    "training_step": ("training-এর ধাপ", "training step"),
    "loss_axis": ("loss (শেষ ২৫ ধাপের গড়)", "loss (average of the last 25 steps)"),
    "loss_title": ("training চলার সময় loss", "The loss during training"),
    "input_length": ("ইনপুটের দৈর্ঘ্য (অঙ্কের সংখ্যা)", "input length (digits)"),
    "length_title": ("ইনপুট লম্বা হলে কী হয়?", "What happens as the input gets longer?"),
    "reversal_title": ("উল্টে লেখার সময় attention", "Attention while reversing digits"),
    "date_heatmap_title": ("তারিখ অনুবাদের attention", "Attention while translating a date"),
    "date_input": ("একটি তারিখ লেখো", "type a date"),
    # the attention explorer (helpers.widgets)
    "live_heatmap_title": ("প্রতিটি decoder ধাপের weight", "Weights at every decoder step"),
    "live_context_title": ("ধাপ ৫: hᵢ-গুলোর মাঝে context cₜ", "Step 5: the context cₜ among the hᵢ"),
    "mode_scalar": ("সংখ্যা (d = 1)", "numbers (d = 1)"),
    "mode_vector": ("তীর (d = 2)", "arrows (d = 2)"),
    "step_short": ("ধাপ", "step"),
    "new_params": ("নতুন random parameter", "new random parameters"),
    "sum_label": ("যোগফল", "sum"),
    "no_params": ("এই score-এর কোনো শেখা parameter নেই", "this score has no learned parameters"),
    # lessons 05-08
    "context_2d_title": ("cₜ থাকে hᵢ-গুলোর বহুভুজের ভেতরে (বা কিনারায়)", "cₜ lies inside the polygon of the hᵢ (or on its edge)"),
    "span_region": ("hᵢ-গুলোকে কোণ ধরে বহুভুজ", "polygon with the hᵢ as corners"),
    "encoder_states": ("encoder state hᵢ", "encoder states hᵢ"),
    "dim_1": ("মাত্রা ১", "dimension 1"),
    "dim_2": ("মাত্রা ২", "dimension 2"),
    "output_title": ("ধাপ ৬: পরের শব্দের সম্ভাবনা yₜ", "Step 6: probability of each next word, yₜ"),
    "attention_on": ("মনোযোগ {word}-এ", "attention on {word}"),
    # lessons 1-4 (why attention, encoder, query, scores)
    "hidden_dim": ("hidden state-এর মাত্রা", "hidden-state dimension"),
    "hidden_states_title": ("encoder-এর hidden state: প্রতি শব্দে একটি সারি",
                            "Encoder hidden states: one row per word"),
    "change_first_title": ("প্রথম শব্দ বদলালে H কতটা বদলায়", "How H changes when the first word changes"),
    "change_last_title": ("শেষ শব্দ বদলালে H কতটা বদলায়", "How H changes when the last word changes"),
    "vectors_title": ("hᵢ আর query sₜ: score দিক আর দৈর্ঘ্য দুটোর ওপরই নির্ভর করে",
                      "hᵢ and the query sₜ: the score weighs direction and length"),
    "first_query": ("প্রথম query", "first query"),
    "second_query": ("দ্বিতীয় query", "second query"),
    "score_dot_title": ("dot product", "dot product"),
    "score_general_title": ("general (মাঝে W)", "general (W in between)"),
    "score_additive_title": ("additive (concat), sₜ দিয়ে", "additive (concat), with sₜ"),
    "score_scaled_title": ("scaled dot (÷√d)", "scaled dot (÷√d)"),
}

_LANGUAGES = ("bn", "en", "both")
_language = "both"


def set_language(lang: str) -> None:
    """Choose the language of every later figure and widget label: "bn", "en" or "both"."""
    global _language
    _language = choice(lang, "lang", "set_language", _LANGUAGES)


def get_language() -> str:
    """The current label language: "bn", "en" or "both"."""
    return _language


def label(bn: str, en: str, sep: str = "\n") -> str:
    """A one-off figure label in the current language, like ``t`` but without a LABELS entry."""
    return bn if _language == "bn" else en if _language == "en" else f"{bn}{sep}{en}"


_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def subscript(n) -> str:
    """Real subscript digits in plain text, so Bengali words can share a label: 12 -> ₁₂."""
    return str(n).translate(_SUBSCRIPT)


def t(key: str, lang: str | None = None, sep: str = "\n") -> str:
    """The label ``key`` in the current language; "both" puts Bengali over English."""
    _known(key, LABELS, "t", "LABELS")
    lang = _language if lang is None else choice(lang, "lang", "t", _LANGUAGES)
    bn, en = LABELS[key]
    if lang == "bn":
        return bn
    if lang == "en":
        return en
    return bn if bn == en else f"{bn}{sep}{en}"


def _known(key, table, fn, table_name):
    """``key`` must be a str naming an entry of ``table``."""
    if not isinstance(key, str) or key not in table:
        raise fail(fn, f"{table_name}-এ {key!r} নামে কিছু নেই; নামটা দেখো (যেমন {next(iter(table))!r})।",
                   f"there is no {key!r} in {table_name}; check the name (e.g. {next(iter(table))!r}).",
                   TypeError if not isinstance(key, str) else ValueError)


def term(key: str) -> str:
    """The form of a glossary term used in Bengali prose (often the English word)."""
    _known(key, GLOSSARY, "term", "GLOSSARY")
    return GLOSSARY[key].term


def gloss(key: str) -> str:
    """The term with its Bengali gloss, as written where it is first introduced."""
    _known(key, GLOSSARY, "gloss", "GLOSSARY")
    entry = GLOSSARY[key]
    return f"{entry.term} ({entry.bn})"


def glossary_markdown() -> str:
    """The glossary as a Markdown table in English alphabetical order, for the index notebook."""
    rows = ["| English | বাংলা লেখায় | অর্থ (Bengali gloss) |", "|---|---|---|"]
    rows += [f"| {e.en} | {e.term} | {e.bn} |" for e in sorted(GLOSSARY.values(), key=lambda e: e.en.lower())]
    return "\n".join(rows)
