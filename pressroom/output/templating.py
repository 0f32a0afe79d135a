"""The Jinja environment a build renders with: globals fixed up front, imported macros memoized
(`pressroom.output.macromemo`), templates compiled to quicker code and held to their bounds."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, MutableMapping
from typing import Any

import jinja2
from jinja2 import Environment, Template, nodes, runtime
from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import TemplateModule
from jinja2.runtime import Context, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import missing
from markupsafe import Markup

from pressroom.output.bounds import BINARY, CONTAINERS, bounded_text, check_size, text_size
from pressroom.output.macromemo import ImportedMacro, MemoizedMacro
from pressroom.output.nesting import FILLING_FILTERS, Nesting, bounded_fromkeys, bounded_makers, may_hold_containers
from pressroom.output.sandboxnames import is_guarded
from pressroom.output.textbounds import bounded_method

try:
    from markupsafe import _escape_inner  # the C function markupsafe.escape itself calls
except ImportError:  # another markupsafe: its own escape, unchanged
    _escape_inner = None


def escape(value: object) -> str:
    """The text ``{{ value }}`` writes into a page: `markupsafe.escape`'s, as a plain string.

    Compiled templates call it for every ``{{ … }}`` of every page (a hundred times per page;
    it was a fifth of all rendering) and only ever join what it gives into the page, or into
    a macro's or a ``{% set %}`` block's output, which Jinja marks safe whole: the `Markup`
    that `markupsafe.escape` makes of each piece (through a Python-level ``__new__``) was
    thrown away at once."""
    if type(value) is str:
        return _escape_inner(value)  # type: ignore[misc]
    if type(value) is Markup:
        return value
    if hasattr(value, "__html__"):
        return value.__html__()  # type: ignore[no-any-return]
    if isinstance(value, CONTAINERS):
        check_size(text_size(value), "", f"the text of a {type(value).__name__}", exact=False)
    return _escape_inner(str(value))  # type: ignore[misc]


def printed(value: object) -> str:
    """``str(value)``, unless that would be larger than a template may make (see `text_size`)."""
    if isinstance(value, CONTAINERS):
        check_size(text_size(value), "", f"the text of a {type(value).__name__}", exact=False)
    return str(value)


def _bounded_join(join: Callable[[Iterable[Any]], str]) -> Callable[[tuple[Any, ...]], str]:
    """Jinja's join of ``a ~ b ~ …``, its values' texts checked before and the result after."""

    def joined(values: tuple[Any, ...]) -> str:
        for value in values:
            if isinstance(value, CONTAINERS):
                check_size(text_size(value), "", "'~'", exact=False)
        return bounded_text(join(values))

    return joined


_JOINS = {"markup_join": _bounded_join(runtime.markup_join), "str_join": _bounded_join(runtime.str_join)}


class SiteMacro(Macro):
    """A template macro called with exactly its arguments, by position, straight to its code.

    Jinja's `Macro.__call__` sorts positional, keyword, default, ``caller`` and catch-all
    arguments in Python for every call, and its result is made `Markup` through Markup's own
    Python-level ``__new__``: a few microseconds, a dozen times per page. A call that gives
    its arguments by position, leaving the last ones to their defaults or not, to a macro that
    takes no ``caller``, ``varargs`` or ``kwargs``, needs none of that: the arguments left out
    are `missing`, as Jinja passes them, and the macro's code puts in their defaults. Any
    other call goes Jinja's way."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._plain = not (self.caller or self.explicit_caller or self.catch_kwargs or self.catch_varargs)

    def __call__(self, *args: Any, **kwargs: Any) -> str:
        left_out = self._argument_count - len(args)
        if kwargs or not self._plain or left_out < 0:
            # ``varargs`` and ``kwargs`` are a tuple and a dict of what the call gave.
            if self.catch_varargs and left_out < 0:
                self._environment.nested(args[self._argument_count :], "a macro's varargs")
            if self.catch_kwargs and kwargs:
                self._environment.nested(kwargs, "a macro's kwargs")
            return super().__call__(*args, **kwargs)  # type: ignore[no-any-return]
        html = self._func(*args, *(missing,) * left_out) if left_out else self._func(*args)
        # The code returns a joined plain string: made Markup as Markup(html) would, without its __html__ look-up.
        return str.__new__(Markup, html) if self._default_autoescape else html


class SiteTemplate(Template):
    """A template whose module, when imported, offers its macros memoized, whose macros are
    `SiteMacro`, and whose output is escaped by this module's `escape`."""

    _memoized: TemplateModule | None = None

    @classmethod
    def _from_namespace(
        cls, environment: Environment, namespace: MutableMapping[str, Any], globals: MutableMapping[str, Any]
    ) -> Template:
        # The compiled template's functions find ``escape`` in this namespace, where its code
        # imported Jinja's (markupsafe's) when it ran.
        if _escape_inner is not None and "escape" in namespace:
            namespace["escape"] = escape
        namespace.update((name, join) for name, join in _JOINS.items() if name in namespace)
        if "Macro" in namespace:
            namespace["Macro"] = SiteMacro
        return super()._from_namespace(environment, namespace, globals)

    def _get_default_module(self, ctx: Context | None = None) -> TemplateModule:
        module = super()._get_default_module(ctx)
        if module is not self._module:  # made for a context with globals of its own: not shared
            return module
        if self._memoized is None:
            memoized = TemplateModule.__new__(TemplateModule)
            members = memoized.__dict__
            members.update(
                {
                    name: MemoizedMacro(value, members, name) if isinstance(value, Macro) else value
                    for name, value in vars(module).items()
                }
            )
            self._memoized = memoized
        return self._memoized


class SiteContext(Context):
    """A template context that calls macros without asking each call whether it wants the context.

    Jinja's `Context.call` looks up ``__call__`` and asks it and the callable for the marks
    `jinja2.pass_context` and its kin leave (three ``hasattr`` and two function calls), for
    every call a template makes: some thirty per page. Macros, memoized or not, and built-in
    functions never carry such a mark, so they are called directly; anything else goes
    Jinja's way."""

    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if type(__obj) not in _TAKE_NO_CONTEXT:
            return Context.call(__self, __obj, *args, **kwargs)
        if kwargs:
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # as Jinja's own call answers it
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


class SiteCodeGenerator(CodeGenerator):
    """Compiles ``a.b`` to Python's own attribute look-up, falling back on Jinja's.

    Jinja compiles every ``a.b`` to a call of `Environment.getattr`, a Python function that
    tries ``getattr(a, "b")``, then ``a["b"]``, then an undefined value: some 200 calls per
    page, nearly all of them answered by the first try (views are dataclasses). Where ``a``
    is a variable or a chain of such look-ups (evaluating it twice changes nothing), the
    compiled code tries ``getattr(a, "b", missing)`` in line and calls Jinja's only when
    that finds nothing: the same value, or the same error, either way."""

    def visit_Getattr(self, node: nodes.Getattr, frame: Frame) -> None:
        if self.environment.is_async or not _pure(node.node) or is_guarded(node.attr):
            super().visit_Getattr(node, frame)
            return
        # The walrus name is local to the function being compiled; an inner look-up assigns
        # and reads it before the outer one assigns it.
        self.write("(_attr if (_attr := getattr(")
        self.visit(node.node, frame)
        self.write(f", {node.attr!r}, missing)) is not missing else environment.getattr(")
        self.visit(node.node, frame)
        self.write(f", {node.attr!r}))")

    def visit_Tuple(self, node: nodes.Tuple, frame: Frame) -> None:
        if node.ctx != "load":  # a target: ``{% for a, b in … %}``
            super().visit_Tuple(node, frame)
            return
        self._weighed(super().visit_Tuple, node, frame)

    def visit_List(self, node: nodes.List, frame: Frame) -> None:
        self._weighed(super().visit_List, node, frame)

    def visit_Dict(self, node: nodes.Dict, frame: Frame) -> None:
        self._weighed(super().visit_Dict, node, frame)

    def _weighed(self, visit: Callable[[Any, Frame], None], node: nodes.Expr, frame: Frame) -> None:
        """A literal that may hold a list, tuple or dict, weighed as it is made (see
        `pressroom.output.nesting`; Jinja folds a constant one into its value)."""
        if not may_hold_containers(node):
            visit(node, frame)
            return
        self.write("environment.nested(")
        visit(node, frame)
        self.write(")")

    def write(self, x: str) -> None:
        # A sandbox compiles each call to ``environment.call(context, f, …)`` so that it can
        # refuse callables marked unsafe; nothing a template can reach is (what it must not
        # call, it cannot look up: `is_safe_attribute`), and the extra Python call on every
        # call was some 3 % of rendering. Only compiled code calls ``environment.call``.
        # Where autoescaping is off, ``{{ value }}`` is ``str(value)``: held to a size too.
        super().write(_WRITTEN_AS.get(x, x))


_WRITTEN_AS = {
    "environment.call(context, ": "context.call(",
    "str(": "environment.printed(",
    "(escape if context.eval_ctx.autoescape else str)(": (
        "(escape if context.eval_ctx.autoescape else environment.printed)("
    ),
}
"""What Jinja's code generator writes (how it begins a call in a sandboxed environment, and
``{{ … }}`` where autoescaping is off), and what this one writes instead."""


def _pure(node: nodes.Node) -> bool:
    """Whether compiled code may evaluate ``node`` twice: a variable, or attributes of one."""
    while isinstance(node, nodes.Getattr):
        node = node.node
    return isinstance(node, nodes.Name)


class SiteEnvironment(ImmutableSandboxedEnvironment):
    """A sandboxed environment whose globals are complete before its first template is
    loaded, and whose templates render in a `SiteContext`.

    A site's templates are the site's code, but they must not reach Python's internals
    (``cycler.__init__.__globals__``), change the values they are given, or make what the
    build cannot hold (see `pressroom.output.bounds`): Jinja's immutable sandbox checks every
    private or risky attribute, and ``*``, ``**``, ``+``, ``%``, ``~`` and the text methods
    and filters that make more than they are given are bounded.

    Each template gets a plain copy of the globals instead of Jinja's ChainMap over the
    environment's: every page's context and every ``{% from … import %}`` look them up, and
    a ChainMap does each lookup in Python (a few percent of all rendering time)."""

    template_class = SiteTemplate
    context_class = SiteContext
    code_generator_class = SiteCodeGenerator
    intercepted_binops = frozenset(BINARY)
    printed = staticmethod(printed)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._broken: dict[str, jinja2.TemplateSyntaxError] = {}
        self.nesting = Nesting()
        self.nested = self.nesting.check  # what compiled literals call
        self.globals.update(bounded_makers(self.nesting))
        self.filters.update(FILLING_FILTERS)
        self._loaded: dict[str, Template] = {}

    def get_template(
        self,
        name: str | Template,
        parent: str | None = None,
        globals: MutableMapping[str, Any] | None = None,
    ) -> Template:
        # Every page asks for its template, and that for its base, by name: a dictionary look-up
        # instead of Jinja's three calls and a weak reference each time. A template's name is
        # its own wherever it is asked from (``join_path`` is Jinja's, which keeps the name), and
        # an environment lasts one build, so nothing loaded here can change under it.
        if type(name) is str and not globals:
            found = self._loaded.get(name)
            if found is None:
                found = self._loaded[name] = super().get_template(name, parent)
            return found
        return super().get_template(name, parent, globals)

    def make_globals(self, d: Mapping[str, Any] | None) -> dict[str, Any]:  # type: ignore[override]
        return {**self.globals, **(d or {})}

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*" and type(right) is int:
            self.nesting.check_repeated(left, right, "'*'")
        elif operator == "*" and type(left) is int:
            self.nesting.check_repeated(right, left, "'*'")
        elif operator == "+" and isinstance(left, (list, tuple)):
            return self.nesting.check_sum(BINARY[operator](left, right), (left, right), "'+'")
        return BINARY[operator](left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., Any] | None:
        # Jinja's hook for every attribute a template looks up through the sandbox: the
        # methods that make text of a size their arguments give are offered bounded, and
        # so is the one that makes a dict of one value repeated.
        if getattr(value, "__name__", None) == "fromkeys" and getattr(value, "__self__", None) is not None:
            return bounded_fromkeys(self.nesting, value)
        return bounded_method(self, value)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # Only the guarded names need the sandbox's checks (isinstance tests against abstract
        # classes, a few percent of rendering): it allows every other name on every object.
        return not is_guarded(attr) or super().is_safe_attribute(obj, attr, value)

    def _load_template(self, name: str, globals: MutableMapping[str, Any] | None) -> Template:
        # A template that does not compile is not compiled again for every page that uses it:
        # a broken base template of a thousand pages was parsed a thousand times.
        broken = self._broken.get(name)
        if broken is not None:
            raise broken.with_traceback(None)
        try:
            return super()._load_template(name, globals)
        except jinja2.TemplateSyntaxError as exc:
            self._broken[name] = exc
            raise


_TAKE_NO_CONTEXT = frozenset({MemoizedMacro, ImportedMacro, Macro, SiteMacro, type(len)})
"""Callables `SiteContext` calls directly: none of them can carry Jinja's ``pass_*`` marks
(a built-in function takes no attributes)."""
