"""The glossary's Chinese terms are the ones the Chinese edition of d2l (d2l-zh) uses."""

import re

from conftest import ROOT

D2L_ZH = {  # English term -> d2l-zh's term (chapters "线性神经网络", "多层感知机",
    # "卷积神经网络", "优化算法")
    "accuracy": "精度",
    "bias": "偏置",
    "convolution": "卷积",
    "convolutional layer": "卷积层",
    "cross-correlation": "互相关运算",
    "edge detection": "边缘检测",
    "feature map": "特征映射",
    "gradient descent": "梯度下降",
    "Hessian": "Hessian矩阵",
    "kernel": "卷积核",
    "learning rate": "学习率",
    "padding": "填充",
    "receptive field": "感受野",
    "stride": "步幅",
    "window": "卷积窗口",
    "cross-entropy loss": "交叉熵损失",
    "epoch": "迭代周期",
    "fully connected layer": "全连接层",
    "LeNet": "LeNet",
    "multilayer perceptron": "多层感知机",
    "test set": "测试数据集",
    "training set": "训练集",
}


def glossary_terms():
    """Each glossary entry's English name -> the first bold Chinese term of its definition."""
    text = (ROOT / "chapters" / "glossary.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^(\S[^\n]*)\n  \*\*([^*]+)\*\*", text, flags=re.M))


def test_chinese_terms_follow_d2l_zh():
    terms = glossary_terms()
    assert set(D2L_ZH) <= set(terms), set(D2L_ZH) - set(terms)
    wrong = {name: terms[name] for name, term in D2L_ZH.items() if terms[name] != term}
    assert not wrong, f"not d2l-zh's term: {wrong}"
