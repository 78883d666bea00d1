"""How the module uses the model: each use must be one a chat model serves the same way.

Given to a LangChain chain, piped into a ``StrOutputParser``, called for its text (which
becomes ``.invoke(x).content``), or its ``client`` read; anything else leaves the model.
"""

from __future__ import annotations

import libcst as cst

from migrator.rewrite.json_body import Manual
from migrator.rules.langchain_bedrock.classes import dotted_last, qualified

# LangChain callables that take the model by position, and where.
_POSITIONAL = {
    "load_summarize_chain": 0,
    "load_qa_chain": 0,
    "load_qa_with_sources_chain": 0,
    "from_llm": 0,
    "from_chain_type": 0,
    "create_sql_query_chain": 0,
    "create_react_agent": 0,
    "create_stuff_documents_chain": 0,
    "create_history_aware_retriever": 0,
    "initialize_agent": 1,
}


class Uses:
    """The uses part of ``_Model`` (``model.py``), whose state it reads and adds to."""

    def use(self, expr: cst.BaseExpression) -> None:
        parent = self.analysis.parent(expr)
        if isinstance(parent, cst.Arg):
            return self._argument(expr, parent)
        if isinstance(parent, cst.Call) and parent.func is expr:
            return self._called(parent, None)
        if isinstance(parent, cst.Attribute) and parent.value is expr:
            return self._attribute(parent)
        if isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.BitOr):
            return self._piped(expr, parent)
        if isinstance(parent, cst.Return):
            return self.returned(expr)
        if isinstance(parent, cst.Expr):
            return None  # a notebook cell displaying the model: nothing reads it
        if isinstance(parent, cst.Assign) and parent.value is expr:
            return self.holder(expr)
        raise Manual(expr, "the model is used in a way the tool does not follow")

    def _argument(self, expr: cst.BaseExpression, arg: cst.Arg) -> None:
        call = self.analysis.parent(arg)
        assert isinstance(call, cst.Call)
        callee = dotted_last(call.func) or "a call"
        if not (qualified(self.analysis, call.func) or "").startswith("langchain"):
            raise Manual(expr, f"the model is passed to `{callee}`, which the tool does not follow")
        self.chains.append(callee)
        if arg.keyword is not None:
            if arg.keyword.value == "llm":
                return
            raise Manual(expr, f"the model is passed to `{callee}` as `{arg.keyword.value}=`")
        position = [a for a in call.args if a.keyword is None].index(arg)
        if _POSITIONAL.get(callee) != position:
            raise Manual(expr, f"the model is passed to `{callee}` by position")

    def _attribute(self, attribute: cst.Attribute) -> None:
        method = attribute.attr.value
        parent = self.analysis.parent(attribute)
        if method == "model_kwargs" and isinstance(parent, cst.AssignTarget):
            assign = self.analysis.parent(parent)
            assert isinstance(assign, cst.Assign)
            self.unread = True  # until it is read
            body = self._dict_of(assign.value)
            self.unread = False
            return self.kwargs(body)
        if isinstance(parent, cst.Call) and parent.func is attribute:
            if method in ("predict", "invoke"):
                return self._called(parent, method)
        elif method == "client" and not isinstance(parent, (cst.AssignTarget, cst.Del)):
            return  # both hold the boto3 ``bedrock-runtime`` client they send with
        raise Manual(attribute, f"the model's `.{method}` is used, which the tool does not follow")

    def _called(self, call: cst.Call, method: str | None) -> None:
        """``llm(x)``, ``llm.predict(x)``, ``llm.invoke(x)``: the text of ``.invoke(x)``."""
        positional = [a for a in call.args if a.keyword is None]
        if len(positional) != 1 or positional[0].star:
            raise Manual(call, "the model is called with other than one prompt")
        allowed = {"stop", "config"} if method == "invoke" else {"stop"}
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value not in allowed:
                raise Manual(arg, f"the model is called with `{arg.keyword.value}=`")

        discarded = isinstance(self.analysis.parent(call), cst.Expr)
        if discarded and method == "invoke":
            return

        def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
            assert isinstance(updated, cst.Call)
            if method is None:
                func: cst.BaseExpression = cst.Attribute(updated.func, cst.Name("invoke"))
            else:
                assert isinstance(updated.func, cst.Attribute)
                func = updated.func.with_changes(attr=cst.Name("invoke"))
            invoked = updated.with_changes(func=func)
            return invoked if discarded else cst.Attribute(invoked, cst.Name("content"))

        self.rewrites[call] = rewrite

    def _piped(self, expr: cst.BaseExpression, pipe: cst.BinaryOperation) -> None:
        """``prompt | llm | StrOutputParser()``: the parser takes the text out of the message."""
        after = pipe.right if pipe.left is expr else None
        if after is None:
            outer = self.analysis.parent(pipe)
            if isinstance(outer, cst.BinaryOperation) and outer.left is pipe:
                after = outer.right
        if not (isinstance(after, cst.Call) and dotted_last(after.func) == "StrOutputParser"):
            raise Manual(expr, "the model's answer is piped on without a `StrOutputParser`")
