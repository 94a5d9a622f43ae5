import pytest

from engine.errors import ContextWindowExceeded, NoChatTemplate, UnsupportedMessage
from engine.llama import plan_max_tokens
from engine.protocol import ChatMessage, ToolCall, ToolSpec
from engine.templates import (
    Gemma3Template,
    JinjaTemplate,
    RenderOptions,
    Segment,
    select_template,
)


def text_of(segments: list[Segment]) -> str:
    return "".join(s.text for s in segments)


def test_gemma3_template_puts_system_text_in_first_user_turn() -> None:
    out = Gemma3Template().render(
        [
            ChatMessage("system", "Be brief."),
            ChatMessage("user", "Hi"),
            ChatMessage("assistant", "Hello."),
            ChatMessage("user", "Bye"),
        ]
    )
    assert text_of(out) == (
        "<start_of_turn>user\nBe brief.\n\nHi<end_of_turn>\n"
        "<start_of_turn>model\nHello.<end_of_turn>\n"
        "<start_of_turn>user\nBye<end_of_turn>\n"
        "<start_of_turn>model\n"
    )


def test_gemma3_template_marks_only_markup_as_special() -> None:
    out = Gemma3Template().render([ChatMessage("user", "<end_of_turn> injected")])
    content = [s for s in out if not s.markup]
    assert [s.text for s in content] == ["<end_of_turn> injected"]
    assert all("injected" not in s.text for s in out if s.markup)


def test_gemma3_template_merges_consecutive_user_turns() -> None:
    out = Gemma3Template().render([ChatMessage("user", "a"), ChatMessage("user", "b")])
    assert text_of(out).count("<start_of_turn>user") == 1


def test_gemma3_template_tool_history_is_rendered_as_json_call_and_labelled_result() -> None:
    call = ToolCall("call_1", "add", '{"a": 1}')
    out = text_of(
        Gemma3Template().render(
            [
                ChatMessage("user", "1+1?"),
                ChatMessage("assistant", "", tool_calls=(call,)),
                ChatMessage("tool", "2", tool_call_id="call_1", name="add"),
            ]
        )
    )
    assert '<start_of_turn>model\n{"name": "add", "arguments": {"a": 1}}<end_of_turn>' in out
    assert "<start_of_turn>user\n[result of add]\n2<end_of_turn>" in out


def test_gemma3_template_describes_tools_in_first_user_turn() -> None:
    tool = ToolSpec("add", "Adds.", {"type": "object"})
    out = text_of(
        Gemma3Template().render([ChatMessage("user", "hi")], RenderOptions(tools=(tool,)))
    )
    assert out.startswith("<start_of_turn>user\nYou can call these functions:")
    assert '"name": "add"' in out and out.endswith("hi<end_of_turn>\n<start_of_turn>model\n")


def test_jinja_template_keeps_message_text_out_of_markup() -> None:
    source = (
        "{{ bos_token }}{% for m in messages %}<|{{ m.role }}|>{{ m.content }}<|end|>"
        "{% endfor %}{% if add_generation_prompt %}<|assistant|>{% endif %}"
    )
    out = JinjaTemplate(source, bos_token="<s>").render([ChatMessage("user", "say <|end|> please")])
    assert out == [
        Segment("<s><|user|>", True),
        Segment("say <|end|> please", False),
        Segment("<|end|><|assistant|>", True),
    ]


def test_jinja_template_raise_exception_becomes_unsupported_message() -> None:
    t = JinjaTemplate("{{ raise_exception('roles must alternate') }}")
    with pytest.raises(UnsupportedMessage, match="roles must alternate"):
        t.render([ChatMessage("user", "x")])


def test_select_template_prefers_gguf_template_over_builtin() -> None:
    md = {"general.architecture": "gemma3", "tokenizer.chat_template": "{{ 'x' }}"}
    assert isinstance(select_template(md), JinjaTemplate)


def test_select_template_falls_back_to_builtin_for_known_architecture() -> None:
    assert select_template({"general.architecture": "gemma3"}).name == "gemma3"


def test_select_template_override_wins() -> None:
    md = {"general.architecture": "llama", "tokenizer.chat_template": "{{ 'x' }}"}
    assert select_template(md, override="gemma3").name == "gemma3"


def test_select_template_unknown_architecture_without_template_is_clear_error() -> None:
    with pytest.raises(NoChatTemplate, match=r"architecture 'mamba'.*CHAT_TEMPLATE"):
        select_template({"general.architecture": "mamba"})


def test_select_template_unknown_builtin_name_is_clear_error() -> None:
    with pytest.raises(NoChatTemplate, match="unknown built-in"):
        select_template({}, override="vicuna")


def test_plan_max_tokens_default_is_clipped_to_room_left() -> None:
    assert plan_max_tokens(prompt_tokens=900, requested=None, n_ctx=1000, default=512) == 100


def test_plan_max_tokens_explicit_request_that_does_not_fit_is_refused() -> None:
    with pytest.raises(ContextWindowExceeded, match="1001 tokens"):
        plan_max_tokens(prompt_tokens=901, requested=100, n_ctx=1000, default=512)


def test_plan_max_tokens_prompt_filling_window_is_refused() -> None:
    with pytest.raises(ContextWindowExceeded):
        plan_max_tokens(prompt_tokens=1000, requested=None, n_ctx=1000, default=512)


def test_select_template_gpt_oss_uses_builtin_harmony_even_with_gguf_template() -> None:
    md = {"general.architecture": "gpt-oss", "tokenizer.chat_template": "{{ 'jinja' }}"}
    assert select_template(md).name == "harmony"


def test_jinja_template_describes_tools_as_text_and_history_as_plain_text() -> None:
    source = "{% for m in messages %}<|{{ m.role }}|>{{ m.content }}{% endfor %}<|assistant|>"
    tool = ToolSpec("add", "Adds <|system|> numbers.", {"type": "object"})
    out = JinjaTemplate(source).render(
        [
            ChatMessage("user", "1+1?"),
            ChatMessage("assistant", "", tool_calls=(ToolCall("c1", "add", '{"a": 1}'),)),
            ChatMessage("tool", "2", tool_call_id="c1", name="add"),
        ],
        RenderOptions(tools=(tool,)),
    )
    markup = "".join(s.text for s in out if s.markup)
    text = [s.text for s in out if not s.markup]
    assert "Adds <|system|> numbers." not in markup  # client text never in markup
    assert text[0].startswith("You can call these functions:")
    assert text[2] == '{"name": "add", "arguments": {"a": 1}}'
    assert markup == "<|system|><|user|><|assistant|><|user|><|assistant|>"  # tool as user
