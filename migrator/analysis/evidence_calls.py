"""The evidence scan's visit of calls and assignments: test doubles of the legacy API
(patched, configured on a mocked client, served over HTTP), ``max_tokens_to_sample=``
passed, the pre-0.3 client and its methods, ``completions.create`` with a Human/Assistant
prompt. A part of :class:`migrator.analysis.evidence._Finder`, whose state the methods read.
"""

from __future__ import annotations

import ast

from migrator.analysis import project, project_summary
from migrator.analysis.evidence_answers import answers_read_as_completion
from migrator.analysis.evidence_doubles import (
    DOUBLE_WHAT,
    answers_a_completion,
    configured_create,
    double_urls,
    http_double_library,
    names_endpoint,
    patched_create,
    patched_create_path,
)
from migrator.analysis.evidence_nodes import (
    SDK02_STREAMS,
    _dotted,
    last_name,
    marked_names,
    marked_prompt,
    other_vendor,
)
from migrator.analysis.evidence_reasons import (
    _HTTP,
    ANSWER,
    CHAIN,
    CLIENT_CLASSES,
    CREATE,
    DOUBLE,
    LANGCHAIN,
    LANGCHAIN_CHAT,
    LANGCHAIN_OLD,
    POSITIONAL,
    RETIRED_BEDROCK,
    SDK02,
    SDK02_OPTION,
    SDK02_OPTIONS,
    TOKENS,
    TRANSPORT,
    sends_completions,
)
from migrator.core.models import is_legacy_bedrock


class CallVisits:
    """The visitors of :class:`migrator.analysis.evidence._Finder` for calls and assignments."""

    def _shaped_before(self) -> bool:
        return self.shaped_before is not None and self.shaped_before()

    def _http_double(self, node: ast.Call) -> None:
        """A ``responses`` registration, a ``respx`` route or an ``httpx.MockTransport``
        that serves the legacy API to the code under test."""
        library = http_double_library(node, self.http_libraries, self.http_mocks)
        if library is not None:
            served = [url for url in double_urls(node) if self._serves(url)]
            shown = library.replace("_", "-")  # pytest-httpx
            if served:
                self.served.update(id(part) for url in served for part in ast.walk(url))
                self._add(
                    served[0], f"a `{shown}` test double serves `/v1/complete`", _HTTP[library]
                )
            elif answers_a_completion(node) and not self._url_known_here(node):
                # Its URL is the code's own (``svc.API_URL``): it moves with the code, and
                # the body it serves must become a Message.
                self._add(node, f"a `{shown}` test double answers a legacy completion", ANSWER)
        elif (
            last_name(node.func) == "MockTransport"
            and _dotted(node.func)[:1] != ["httpx2"]
            and self.completion_shape
            and (self.imports_anthropic or self._shaped_before())
        ):
            self._add(node, "an `httpx.MockTransport` test double answers the SDK", TRANSPORT)

    def _url_known_here(self, node: ast.Call) -> bool:
        """Whether the double's URL is spelled in this module (a string, or a constant of
        it): then whether it names the endpoint is known, and decided by ``_serves``."""
        for url in double_urls(node):
            if isinstance(url, ast.Name) and url.id in self.module_names:
                return True
            if any(
                isinstance(part, ast.Constant) and isinstance(part.value, str)
                for part in ast.walk(url)
            ):
                return True
        return False

    def _serves(self, url: ast.expr) -> bool:
        """A double's URL names the endpoint: in a string, a concatenation, or a module
        constant read only by doubles (its strings are served)."""
        if isinstance(url, ast.BinOp) and isinstance(url.op, ast.Add):
            return self._serves(url.left) or self._serves(url.right)
        if isinstance(url, ast.Name):
            return id(url) in self.served
        return names_endpoint(url)

    def _prompt_held(self, node: ast.Call) -> bool:
        """``prompt=`` a name, or a call of a function, that the module binds to (or that
        returns) Human/Assistant text: ``prompt=PROMPT``, ``prompt=make_prompt(q)``."""
        if any(k.arg == "max_tokens" for k in node.keywords):
            return False  # OpenAI's spelling of the limit: its call, text built to share
        prompt = next((k.value for k in node.keywords if k.arg == "prompt"), None)
        if isinstance(prompt, ast.Call):
            prompt = prompt.func
        if not isinstance(prompt, ast.Name):
            return False
        held = getattr(self, "_marked_names", None)
        if held is None:
            held = self._marked_names = marked_names(self.tree)
        return prompt.id in held

    def _read_as_completion(self) -> set[int]:
        held = getattr(self, "_completion_answers", None)
        if held is None:
            held = self._completion_answers = answers_read_as_completion(self.tree)
        return held

    def _subclass_init(self, func: ast.expr) -> bool:
        """``super().__init__`` in the ``__init__`` of a subclass of the client, or a subclass
        that takes the client's own ``__init__``, called: both give the client its key."""
        if not self.imports_anthropic or not self.class_defs:
            return False
        subclasses = getattr(self, "_client_subclasses", None)
        if subclasses is None:
            subclasses = self._client_subclasses = {
                klass.name: any(
                    isinstance(item, ast.FunctionDef) and item.name == "__init__"
                    for item in klass.body
                )
                for klass in self.class_defs
                if any(self._client_class(base) for base in klass.bases)
            }
        if not subclasses:
            return False
        if isinstance(func, ast.Name):
            return subclasses.get(func.id) is False
        return (
            isinstance(func, ast.Attribute)
            and func.attr == "__init__"
            and isinstance(func.value, ast.Call)
            and isinstance(func.value.func, ast.Name)
            and func.value.func.id == "super"
            and bool(self.classes)
            and subclasses.get(self.classes[-1].name) is True
        )

    def _splats_a_legacy_request(self, node: ast.Call) -> bool:
        """``**params`` where ``params`` is a dict display with a ``max_tokens_to_sample``
        key, inline or assigned to that name somewhere in the module."""
        if all(keyword.arg is not None for keyword in node.keywords):
            return False
        held = getattr(self, "_legacy_dicts", None)
        if held is None:
            held = self._legacy_dicts = {
                target.id
                for assign in ast.walk(self.tree)
                if isinstance(assign, ast.Assign) and _legacy_dict(assign.value)
                for target in assign.targets
                if isinstance(target, ast.Name)
            }
        return any(
            keyword.arg is None
            and (
                _legacy_dict(keyword.value)
                or (isinstance(keyword.value, ast.Name) and keyword.value.id in held)
            )
            for keyword in node.keywords
        )

    def _inherited_from_client(self, func: ast.Attribute) -> bool:
        """``super().completion(...)`` in a subclass of the client, or ``self.completion(...)``
        where the class does not define the method: the client's own, which the pre-0.3 SDK
        had and the current one lacks."""
        if not self.imports_anthropic or not self.classes:
            return False
        klass = self.classes[-1]
        if not any(self._client_class(base) for base in klass.bases):
            return False
        receiver = func.value
        if isinstance(receiver, ast.Call):
            return isinstance(receiver.func, ast.Name) and receiver.func.id == "super"
        return (
            isinstance(receiver, ast.Name)
            and receiver.id == "self"
            and not any(
                isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name == func.attr
                for item in klass.body
            )
        )

    def _client_class(self, func: ast.expr) -> bool:
        """``anthropic.Client`` / ``anthropic.Anthropic``, on the module by any name it is
        imported as, or imported from it (a class of the module's own by that name is not)."""
        if isinstance(func, ast.Name):
            return func.id in self.client_names and func.id not in self.own
        path = _dotted(func)
        return len(path) == 2 and path[0] in self.modules and path[1] in CLIENT_CLASSES

    def visit_Assign(self, node: ast.Assign) -> None:
        self.statements.append(node)  # the statement that holds the evidence
        for target in node.targets:
            if isinstance(target, ast.Name):
                shaped = _messages_body(node.value)
                (self.messages_bodies if shaped else self.other_bodies).add(target.id)
            create = configured_create(target, node.value)
            resource = create.value if create is not None else None
            if (
                isinstance(resource, ast.Attribute)
                and ".".join(_dotted(resource.value)) not in self.others
            ):
                named = ".".join(_dotted(resource)) or "..."
                what = f"{DOUBLE_WHAT} `{named}.{create.attr}` and answers a legacy completion"  # type: ignore[union-attr]
                self._add(resource, what, CHAIN)
        self.statements.pop()
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        self._http_double(node)
        target = patched_create(node)
        if (
            target is not None
            and ".".join(_dotted(target)) not in self.others
            and (
                self.imports_anthropic
                or self.completion_shape
                or self._shaped_before()
                or project.anthropic_client(self.imported, target.value) is not False
            )
        ):
            self._add(
                target,
                f"{DOUBLE_WHAT} `{'.'.join(_dotted(target)) or '...'}.create`",
                DOUBLE,
            )
        path = patched_create_path(node)
        if (
            path is not None
            and path not in self.others
            and project.anthropic_client_at(path) is not False
        ):
            self._add(node.args[0], f"{DOUBLE_WHAT} `{path}.completions.create`", DOUBLE)
        callee = last_name(func)
        own = self.own.get(callee, set()) if callee else set()
        for keyword in node.keywords:
            if keyword.arg != "max_tokens_to_sample" or own & {keyword.arg, project_summary.ANY}:
                continue
            if callee not in self.langchain_names and project.takes_keyword(
                self.imported, func, keyword.arg
            ):
                continue  # a parameter of the project's own function in another module
            if id(keyword.value) in self.langchain:
                self._add(
                    keyword.value,
                    "`max_tokens_to_sample` is given to a LangChain model",
                    LANGCHAIN,
                )
            elif callee in self.langchain_names:
                sends = sends_completions(self.langchain_names[callee])
                self._add(
                    keyword.value,
                    f"`max_tokens_to_sample=` is passed to `{callee}`",
                    LANGCHAIN_OLD if sends else LANGCHAIN_CHAT,
                )
            else:
                self._add(keyword.value, "`max_tokens_to_sample=` is passed", TOKENS)
        if node.args and self._client_class(func):
            # The pre-0.3 ``anthropic.Client(key)``: the current client takes keywords only.
            self._add(
                func, f"`{'.'.join(_dotted(func))}(...)` is given its key by position", POSITIONAL
            )
        elif node.args and not isinstance(node.args[0], ast.Starred) and self._subclass_init(func):
            shown = "super().__init__" if isinstance(func, ast.Attribute) else _dotted(func)[0]
            self._add(
                func,
                f"`{shown}(...)` of a client's subclass is given its key by position",
                POSITIONAL,
            )
        elif self._client_class(func):
            for keyword in node.keywords:
                if keyword.arg in SDK02_OPTIONS:
                    shown = ".".join(_dotted(func))
                    what = f"`{keyword.arg}=` is given to `{shown}(...)`"
                    self._add(keyword.value, what, SDK02_OPTION)
        if isinstance(func, ast.Attribute):
            path = _dotted(func)
            if func.attr in SDK02_STREAMS:
                if self.imports_anthropic or any(
                    k.arg in (None, "prompt", "max_tokens_to_sample") for k in node.keywords
                ):
                    self._add(func, f"the pre-0.3 SDK's `.{func.attr}(...)` is called", SDK02)
            elif func.attr == "create" and "completions" in path[-4:-1]:
                if other_vendor(node, self.others):
                    pass
                elif marked_prompt(node) or self._prompt_held(node):
                    self._add(
                        func,
                        "`completions.create` is called with a Human/Assistant prompt",
                        CREATE,
                    )
                elif self.completion_shape and id(node) in self._read_as_completion():
                    self._add(
                        func,
                        "`completions.create` is called and its answer read for `.completion`",
                        CREATE,
                    )
            elif func.attr in ("completion", "acompletion"):
                if self._inherited_from_client(func):
                    self._add(
                        func,
                        f"`{'super()' if isinstance(func.value, ast.Call) else 'self'}."
                        f"{func.attr}(...)` calls the pre-0.3 SDK's method of the client this "
                        "class extends",
                        SDK02,
                    )
                elif not own and self._splats_a_legacy_request(node):
                    self._add(
                        func,
                        f"the pre-0.3 SDK's `.{func.attr}(...)` is called with a Text Completions "
                        "request (a dict holding `max_tokens_to_sample`, splatted)",
                        SDK02,
                    )
                elif marked_prompt(node) and not own:
                    self._add(
                        func,
                        f"the pre-0.3 SDK's `.{func.attr}(...)` is called with a Human/Assistant prompt",
                        SDK02,
                    )
            elif func.attr in ("invoke_model", "invoke_model_with_response_stream"):
                self._retired_bedrock_model(node, func.attr)
        handed = node.args[0] if node.args else None
        if (  # ``asyncio.to_thread(bedrock.invoke_model, modelId=..., body=...)``
            isinstance(handed, ast.Attribute)
            and handed.attr in ("invoke_model", "invoke_model_with_response_stream")
        ):
            self._retired_bedrock_model(node, handed.attr)
        self.generic_visit(node)

    def _retired_bedrock_model(self, node: ast.Call, method: str) -> None:
        """``invoke_model(modelId="anthropic.claude-v2", body=...)``: whatever the body, that
        model took only Text Completions, so the call sends one (or fails)."""
        model = next((k.value for k in node.keywords if k.arg == "modelId"), None)
        body = next((k.value for k in node.keywords if k.arg == "body"), None)
        if isinstance(body, ast.Call) and body.args:
            body = body.args[0]  # json.dumps(...)
        if _messages_body(body) or (
            isinstance(body, ast.Name)
            and body.id in self.messages_bodies
            and body.id not in self.other_bodies
        ):
            return  # a Messages body: the model is TCM016's to map, or a person's
        if (
            isinstance(model, ast.Constant)
            and isinstance(model.value, str)
            and is_legacy_bedrock(model.value)
        ):
            self._add(model, f"`{model.value}` is sent to `{method}`", RETIRED_BEDROCK)
        elif (
            isinstance(model, ast.Name)
            and self.functions
            and not isinstance(body, (ast.Name, ast.Dict))
        ):
            # ``modelId=model_id``, a parameter, for a body built by code the rule does not
            # read (``json.dumps(build(prompt))``): the retired ids the module's calls pass.
            function = self.functions[-1]
            for passed, where in _passed_for(self.tree, function, model.id):
                if isinstance(passed.value, str) and is_legacy_bedrock(passed.value):
                    what = f"`{passed.value}` is passed to `{where}`, which sends it to `{method}`"
                    self._add(passed, what, RETIRED_BEDROCK)


def _messages_body(value: ast.expr | None) -> bool:
    """``{"messages": ...}`` or ``{"anthropic_version": ...}``, maybe ``json.dumps``-ed."""
    if isinstance(value, ast.Call) and value.args:
        value = value.args[0]
    return isinstance(value, ast.Dict) and any(
        isinstance(key, ast.Constant) and key.value in ("messages", "anthropic_version")
        for key in value.keys
    )


def _legacy_dict(value: ast.expr) -> bool:
    return isinstance(value, ast.Dict) and any(
        isinstance(key, ast.Constant) and key.value == "max_tokens_to_sample" for key in value.keys
    )


def _passed_for(
    tree: ast.Module, function: ast.FunctionDef | ast.AsyncFunctionDef, name: str
) -> list[tuple[ast.Constant, str]]:
    """The string literals the module's calls of ``function`` (by its name, or as a method
    on an object) pass for its parameter ``name``, each with the function's name."""
    params = [*function.args.posonlyargs, *function.args.args]
    index = next((i for i, arg in enumerate(params) if arg.arg == name), None)
    if index is None and all(arg.arg != name for arg in function.args.kwonlyargs):
        return []
    found = []
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        func = call.func
        method = isinstance(func, ast.Attribute)
        if (func.attr if method else getattr(func, "id", None)) != function.name:
            continue
        position = (
            None
            if index is None
            else index - (1 if method and params and params[0].arg in ("self", "cls") else 0)
        )
        value = next((k.value for k in call.keywords if k.arg == name), None)
        if value is None and position is not None and 0 <= position < len(call.args):
            value = call.args[position]
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            found.append((value, function.name))
    return found
