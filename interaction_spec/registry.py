"""`ListenerRegistry`: an `InteractionServer` whose listener registry is written once, overloads included."""

from __future__ import annotations

__all__ = ("ListenerRegistry",)

import typing

from interaction_spec import builders
from interaction_spec import interactions
from interaction_spec.server import InteractionServer
from interaction_spec.server import ListenerT

_MessageOrDeferred: typing.TypeAlias = builders.InteractionMessageBuilder | builders.InteractionDeferredBuilder
_MessageDeferredOrModal: typing.TypeAlias = (
    builders.InteractionMessageBuilder | builders.InteractionDeferredBuilder | builders.InteractionModalBuilder
)

_KINDS: typing.Final[tuple[type[interactions.PartialInteraction], ...]] = (
    interactions.CommandInteraction,
    interactions.ComponentInteraction,
    interactions.AutocompleteInteraction,
    interactions.ModalInteraction,
)


def _kind_of(interaction_type: object) -> type[interactions.PartialInteraction] | None:
    """Return the registrable kind ``interaction_type`` is, or derives from; `None` for anything else."""
    mro: object = getattr(interaction_type, "__mro__", ())
    if not isinstance(mro, tuple):
        return None
    for base in typing.cast("tuple[object, ...]", mro):
        if isinstance(base, type) and issubclass(base, interactions.PartialInteraction) and base in _KINDS:
            return base
    return None


class ListenerRegistry(InteractionServer):
    """An `InteractionServer` with `get_listener` and `set_listener` implemented, typed by the contract's overloads.

    Subclass it and implement `on_interaction`; there, `listener_for` gives the
    listener to call for an interaction. The overloads are the contract's, so
    bots registering listeners on your class get every check the contract
    offers under mypy and pyright without your repeating them, and
    ``interaction-conformance typecheck`` finds no wrong listener accepted.

    The registry follows the contract's rules: a kind is one of the four
    registrable interaction classes, or a subclass of one (yours); registering
    over a listener needs ``replace=True``; `None` removes, and never needs it.
    Nothing is abstract here but `on_interaction`, which stays abstract.
    A subclass need not call ``super().__init__()``.
    """

    __slots__ = ("_registered",)

    def _listeners(self) -> dict[type[interactions.PartialInteraction], typing.Any]:
        try:
            return self._registered
        except AttributeError:
            self._registered: dict[type[interactions.PartialInteraction], typing.Any] = {}
            return self._registered

    @typing.overload
    def get_listener(
        self, interaction_type: type[interactions.CommandInteraction], /
    ) -> ListenerT[interactions.CommandInteraction, _MessageDeferredOrModal] | None: ...
    @typing.overload
    def get_listener(
        self, interaction_type: type[interactions.ComponentInteraction], /
    ) -> ListenerT[interactions.ComponentInteraction, _MessageDeferredOrModal] | None: ...
    @typing.overload
    def get_listener(
        self, interaction_type: type[interactions.AutocompleteInteraction], /
    ) -> ListenerT[interactions.AutocompleteInteraction, builders.InteractionAutocompleteBuilder] | None: ...
    @typing.overload
    def get_listener(
        self, interaction_type: type[interactions.ModalInteraction], /
    ) -> ListenerT[interactions.ModalInteraction, _MessageOrDeferred] | None: ...
    def get_listener(self, interaction_type: type[interactions.PartialInteraction], /) -> typing.Any:
        """Return the listener registered for an interaction kind, or `None`.

        Raises
        ------
        TypeError
            If ``interaction_type`` is not an interaction kind.
        """
        return self._listeners().get(_checked_kind(interaction_type))

    @typing.overload
    def set_listener(
        self,
        interaction_type: type[interactions.CommandInteraction],
        listener: ListenerT[interactions.CommandInteraction, _MessageDeferredOrModal] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...
    @typing.overload
    def set_listener(
        self,
        interaction_type: type[interactions.ComponentInteraction],
        listener: ListenerT[interactions.ComponentInteraction, _MessageDeferredOrModal] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...
    @typing.overload
    def set_listener(
        self,
        interaction_type: type[interactions.AutocompleteInteraction],
        listener: ListenerT[interactions.AutocompleteInteraction, builders.InteractionAutocompleteBuilder] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...
    @typing.overload
    def set_listener(
        self,
        interaction_type: type[interactions.ModalInteraction],
        listener: ListenerT[interactions.ModalInteraction, _MessageOrDeferred] | None,
        /,
        *,
        replace: bool = False,
    ) -> None: ...
    def set_listener(
        self,
        interaction_type: type[interactions.PartialInteraction],
        listener: typing.Any,
        /,
        *,
        replace: bool = False,
    ) -> None:
        """Register, replace (``replace=True``) or remove (`None`) the listener for an interaction kind.

        Raises
        ------
        TypeError
            If ``interaction_type`` is not an interaction kind, or a listener is
            already registered and ``replace`` is `False` (the registered one stays).
        """
        kind = _checked_kind(interaction_type)
        listeners = self._listeners()
        if listener is None:
            listeners.pop(kind, None)
        elif kind in listeners and not replace:
            raise TypeError(f"a listener is already registered for {interaction_type.__name__}; pass replace=True")
        else:
            listeners[kind] = listener

    def listener_for(
        self, interaction: interactions.PartialInteraction, /
    ) -> ListenerT[interactions.PartialInteraction, builders.InteractionResponseBuilder] | None:
        """Return the listener to call with ``interaction``: its kind's, or `None` when none is registered.

        Parameters
        ----------
        interaction : PartialInteraction
            An interaction your server parsed: an instance of (a subclass of) one
            of the four kinds. For any other object the result is `None`.

        Returns
        -------
        ListenerT[PartialInteraction, InteractionResponseBuilder] | None
            The listener registered for the interaction's kind.
        """
        kind = _kind_of(type(interaction))
        return None if kind is None else self._listeners().get(kind)


def _checked_kind(interaction_type: object) -> type[interactions.PartialInteraction]:
    kind = _kind_of(interaction_type)
    if kind is None:
        raise TypeError(f"not an interaction kind: {interaction_type!r}")
    return kind
