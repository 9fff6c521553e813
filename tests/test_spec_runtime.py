"""Run-time behaviour of the contract: what the type checkers cannot see."""

from __future__ import annotations
import __future__

import ast
import collections.abc
import enum
import inspect
import subprocess
import sys
import types
import typing
from collections.abc import Callable as AbcCallable
from pathlib import Path
from typing import Any
from typing import TypeAlias

import pytest

import interaction_spec
from interaction_spec import VALID_CALLBACK_TYPES
from interaction_spec import AutocompleteInteraction
from interaction_spec import BaseCommandInteraction
from interaction_spec import CallbackType
from interaction_spec import CommandInteraction
from interaction_spec import ComponentInteraction
from interaction_spec import InteractionMessageBuilder
from interaction_spec import InteractionResponseBuilder
from interaction_spec import InteractionServer
from interaction_spec import InteractionType
from interaction_spec import ListenerT
from interaction_spec import ModalInteraction
from interaction_spec import PartialInteraction
from interaction_spec import Response
from interaction_spec import ResponseFile
from interaction_spec import interactions

REPO = Path(__file__).resolve().parent.parent

PUBLIC_NAMES = {
    "MAX_RESPONSE_FILES",
    "RESPONSE_DEADLINE_S",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "VALID_CALLBACK_TYPES",
    "AutocompleteInteraction",
    "BaseCommandInteraction",
    "CallbackType",
    "CommandInteraction",
    "ComponentInteraction",
    "InteractionAutocompleteBuilder",
    "InteractionDeferredBuilder",
    "InteractionMessageBuilder",
    "InteractionModalBuilder",
    "InteractionResponseBuilder",
    "InteractionServer",
    "InteractionType",
    "ListenerT",
    "ModalInteraction",
    "ListenerRegistry",
    "ModalValue",
    "OptionValue",
    "PartialInteraction",
    "Response",
    "ResponseFile",
}
RESPONSE_MEMBERS = ("status_code", "payload", "content_type", "charset", "headers", "files")
RESPONSE_FILE_MEMBERS = ("filename", "read")
INTERACTION_CLASSES = (
    PartialInteraction,
    BaseCommandInteraction,
    CommandInteraction,
    AutocompleteInteraction,
    ComponentInteraction,
    ModalInteraction,
)


# ListenerT


CommandListener: TypeAlias = ListenerT[CommandInteraction, InteractionMessageBuilder]


def test_listener_alias_is_subscriptable() -> None:
    alias: object = CommandListener
    assert typing.get_origin(alias) is typing.Union
    coroutine_arm, generator_arm = typing.get_args(alias)
    for arm, origin, extra in (
        (coroutine_arm, collections.abc.Awaitable, ()),
        (generator_arm, collections.abc.AsyncGenerator, (type(None),)),
    ):
        assert typing.get_origin(arm) is AbcCallable
        parameters, result = typing.get_args(arm)
        assert parameters == [CommandInteraction]
        assert typing.get_origin(result) is origin
        optional, *rest = typing.get_args(result)
        assert tuple(rest) == extra
        assert set(typing.get_args(optional)) == {InteractionMessageBuilder, type(None)}


def test_listener_alias_parameters_are_bounded() -> None:
    parameters: tuple[Any, ...] = typing.cast(Any, ListenerT).__parameters__
    assert len(parameters) == 2
    interaction_t, response_t = parameters
    assert isinstance(interaction_t, typing.TypeVar)
    assert isinstance(response_t, typing.TypeVar)
    assert interaction_t.__bound__ is PartialInteraction
    assert response_t.__bound__ is InteractionResponseBuilder


# InteractionServer


async def _on_interaction(self: InteractionServer, body: bytes, signature: bytes, timestamp: bytes) -> Response:
    raise NotImplementedError


def _get_listener(self: InteractionServer, interaction_type: type[PartialInteraction], /) -> None:
    return None


def _set_listener(
    self: InteractionServer, interaction_type: type[PartialInteraction], listener: object, /, *, replace: bool = False
) -> None:
    return None


IMPLEMENTATIONS: dict[str, object] = {
    "on_interaction": _on_interaction,
    "get_listener": _get_listener,
    "set_listener": _set_listener,
}


def _server_class(*methods: str) -> type[InteractionServer]:
    namespace = {name: IMPLEMENTATIONS[name] for name in methods}
    return type("Server", (InteractionServer,), namespace)


def test_interaction_server_is_abstract() -> None:
    assert InteractionServer.__abstractmethods__ == {"on_interaction", "get_listener", "set_listener"}
    with pytest.raises(TypeError, match="abstract"):
        typing.cast(Any, InteractionServer)()


@pytest.mark.parametrize("missing", sorted(IMPLEMENTATIONS))
def test_subclass_missing_a_method_cannot_be_instantiated(missing: str) -> None:
    cls = _server_class(*(name for name in IMPLEMENTATIONS if name != missing))
    assert cls.__abstractmethods__ == {missing}
    with pytest.raises(TypeError, match=missing):
        cls()


def test_complete_subclass_can_be_instantiated() -> None:
    cls = _server_class(*IMPLEMENTATIONS)
    assert cls.__abstractmethods__ == frozenset()
    server = cls()
    assert isinstance(server, InteractionServer)
    assert server.get_listener(CommandInteraction) is None


def test_interaction_server_has_no_instance_dict() -> None:
    # `__slots__ = ()` on the ABC: implementations choose their own layout.
    assert InteractionServer.__dict__["__slots__"] == ()


def test_get_listener_signature() -> None:
    parameters = list(inspect.signature(InteractionServer.get_listener).parameters.values())
    assert [(p.name, p.kind) for p in parameters] == [
        ("self", inspect.Parameter.POSITIONAL_ONLY),
        ("interaction_type", inspect.Parameter.POSITIONAL_ONLY),
    ]


def test_set_listener_signature() -> None:
    parameters = list(inspect.signature(InteractionServer.set_listener).parameters.values())
    assert [(p.name, p.kind) for p in parameters] == [
        ("self", inspect.Parameter.POSITIONAL_ONLY),
        ("interaction_type", inspect.Parameter.POSITIONAL_ONLY),
        ("listener", inspect.Parameter.POSITIONAL_ONLY),
        ("replace", inspect.Parameter.KEYWORD_ONLY),
    ]
    assert parameters[-1].default is False
    assert all(p.default is inspect.Parameter.empty for p in parameters[:-1])


def test_on_interaction_signature() -> None:
    assert inspect.iscoroutinefunction(InteractionServer.on_interaction)
    parameters = list(inspect.signature(InteractionServer.on_interaction).parameters.values())
    assert [(p.name, p.kind, p.default) for p in parameters] == [
        (name, inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.empty)
        for name in ("self", "body", "signature", "timestamp")
    ]


# Response and ResponseFile: runtime-checkable protocols that check presence, not types.


def _namespace(members: tuple[str, ...], missing: str | None = None) -> object:
    # Every member is a str, the wrong type for all of them: isinstance() only checks presence.
    # (Not None: CPython counts a method member that is None as absent.)
    return types.SimpleNamespace(**{name: "wrong type" for name in members if name != missing})


def test_response_isinstance_with_every_member() -> None:
    assert isinstance(_namespace(RESPONSE_MEMBERS), Response)


@pytest.mark.parametrize("missing", RESPONSE_MEMBERS)
def test_response_isinstance_without_a_member(missing: str) -> None:
    assert not isinstance(_namespace(RESPONSE_MEMBERS, missing), Response)


def test_response_file_isinstance_with_every_member() -> None:
    assert isinstance(_namespace(RESPONSE_FILE_MEMBERS), ResponseFile)


@pytest.mark.parametrize("missing", RESPONSE_FILE_MEMBERS)
def test_response_file_isinstance_without_a_member(missing: str) -> None:
    assert not isinstance(_namespace(RESPONSE_FILE_MEMBERS, missing), ResponseFile)


def test_response_protocols_have_exactly_these_members() -> None:
    def members(cls: type) -> set[str]:
        return {name for name in vars(cls) if not name.startswith("_")}

    assert members(Response) == set(RESPONSE_MEMBERS)
    assert members(ResponseFile) == set(RESPONSE_FILE_MEMBERS)


# Enums and the callback table.


def _values(cls: type[enum.IntEnum]) -> dict[str, int]:
    return {member.name: int(member) for member in cls}


def test_interaction_type_values() -> None:
    assert _values(InteractionType) == {
        "PING": 1,
        "APPLICATION_COMMAND": 2,
        "MESSAGE_COMPONENT": 3,
        "APPLICATION_COMMAND_AUTOCOMPLETE": 4,
        "MODAL_SUBMIT": 5,
    }


def test_callback_type_values() -> None:
    assert _values(CallbackType) == {
        "PONG": 1,
        "CHANNEL_MESSAGE_WITH_SOURCE": 4,
        "DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE": 5,
        "DEFERRED_UPDATE_MESSAGE": 6,
        "UPDATE_MESSAGE": 7,
        "APPLICATION_COMMAND_AUTOCOMPLETE_RESULT": 8,
        "MODAL": 9,
        "PREMIUM_REQUIRED": 10,
        "LAUNCH_ACTIVITY": 12,
    }


def test_valid_callback_types() -> None:
    table = {
        int(kind): sorted(int(callback) for callback in callbacks) for kind, callbacks in VALID_CALLBACK_TYPES.items()
    }
    assert table == {
        1: [1],
        2: [4, 5, 9, 10, 12],
        3: [4, 5, 6, 7, 9, 10, 12],
        4: [8],
        5: [4, 5, 6, 7, 10, 12],
    }
    for kind, callbacks in VALID_CALLBACK_TYPES.items():
        assert type(kind) is InteractionType
        assert type(callbacks) is frozenset
        assert all(type(callback) is CallbackType for callback in callbacks)


def test_constants() -> None:
    assert interaction_spec.SIGNATURE_HEADER == "X-Signature-Ed25519"
    assert interaction_spec.TIMESTAMP_HEADER == "X-Signature-Timestamp"
    assert interaction_spec.MAX_RESPONSE_FILES == 10
    assert interaction_spec.RESPONSE_DEADLINE_S == 3.0


# The public namespace.


def test_all_names_exactly_the_public_names() -> None:
    assert len(interaction_spec.__all__) == len(set(interaction_spec.__all__))
    assert set(interaction_spec.__all__) == PUBLIC_NAMES
    for name in interaction_spec.__all__:
        assert hasattr(interaction_spec, name), name
    future_feature = type(__future__.annotations)  # `from __future__ import annotations` binds `annotations`
    public = {
        name
        for name, value in vars(interaction_spec).items()
        if not name.startswith("_") and not isinstance(value, (types.ModuleType, future_feature))
    }
    assert public == PUBLIC_NAMES


def test_stub_all_matches_runtime_all() -> None:
    tree = ast.parse((REPO / "stubs" / "interaction_spec" / "__init__.pyi").read_text(encoding="utf-8"))
    [stub_all] = [
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
    ]
    assert stub_all == interaction_spec.__all__


# The interaction classes: concrete, with properties an implementation overrides.


def _properties(cls: type) -> list[str]:
    return sorted({name for klass in cls.__mro__ for name, value in vars(klass).items() if isinstance(value, property)})


INTERACTION_PROPERTIES = [(cls, name) for cls in INTERACTION_CLASSES for name in _properties(cls)]


@pytest.mark.parametrize("cls", INTERACTION_CLASSES, ids=[cls.__name__ for cls in INTERACTION_CLASSES])
def test_interaction_classes_are_not_abstract(cls: type[PartialInteraction]) -> None:
    assert not inspect.isabstract(cls)
    assert isinstance(cls(), PartialInteraction)


@pytest.mark.parametrize(
    ("cls", "name"), INTERACTION_PROPERTIES, ids=[f"{cls.__name__}.{name}" for cls, name in INTERACTION_PROPERTIES]
)
def test_interaction_properties_raise_not_implemented(cls: type[PartialInteraction], name: str) -> None:
    with pytest.raises(NotImplementedError):
        getattr(cls(), name)


def test_interaction_fields() -> None:
    assert _properties(PartialInteraction) == ["application_id", "id", "token", "type", "version"]
    assert set(_properties(BaseCommandInteraction)) - set(_properties(PartialInteraction)) == {
        "command_id",
        "command_name",
    }
    assert set(_properties(CommandInteraction)) - set(_properties(BaseCommandInteraction)) == {"options"}
    assert set(_properties(AutocompleteInteraction)) - set(_properties(BaseCommandInteraction)) == {
        "focused_option",
        "focused_value",
    }
    assert set(_properties(ComponentInteraction)) - set(_properties(PartialInteraction)) == {
        "custom_id",
        "component_type",
        "values",
    }
    assert set(_properties(ModalInteraction)) - set(_properties(PartialInteraction)) == {"custom_id", "values"}


def test_option_value_is_the_union_of_the_option_types() -> None:
    assert typing.get_args(interaction_spec.OptionValue) == (str, int, float, bool)
    assert interaction_spec.OptionValue is interactions.OptionValue


def test_modal_value_holds_every_modal_component_kind() -> None:
    assert typing.get_args(interaction_spec.ModalValue) == (str, bool, typing.Sequence[str], type(None))
    assert interaction_spec.ModalValue is interactions.ModalValue


def test_an_implementation_overrides_the_properties() -> None:
    class Command(CommandInteraction):
        @property
        def command_name(self) -> str:
            return "ping"

    assert Command().command_name == "ping"
    with pytest.raises(NotImplementedError):
        _ = Command().token


# Import cost: the contract pulls in nothing heavy.


def test_import_is_lightweight() -> None:
    script = "import sys, interaction_spec; print(interaction_spec.__file__); print('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    location, *modules = result.stdout.splitlines()
    assert Path(location) == REPO / "interaction_spec" / "__init__.py"
    assert "interaction_spec.server" in modules  # the listing is real
    for forbidden in ("conformance", "nacl", "asyncio", "typing_extensions"):
        leaked = [name for name in modules if name == forbidden or name.startswith(f"{forbidden}.")]
        assert not leaked, f"import interaction_spec imported {leaked}"
