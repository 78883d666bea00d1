"""A value a class keeps on ``self`` from a parameter of one of its methods
(``self.model = model``): where the values such an attribute can hold come from."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import Binding, ModuleAnalysis, Scope


def stored_parameter(
    analysis: ModuleAnalysis, klass: cst.ClassDef, name: str
) -> tuple[cst.Name, Binding, Scope] | None:
    """``self.stop = stop`` in a method of ``klass``, the attribute's one assignment on
    ``self``, ``stop`` a parameter of that method read nowhere else: the name read, the
    parameter's binding and the method's scope."""
    stores = analysis.class_attributes.get(klass, {}).get(name, [])
    if len(stores) != 1:
        return None
    value, statement = stores[0].node, stores[0].statement
    method = analysis.scope_of.get(value) if isinstance(value, cst.Name) else None
    if not (
        isinstance(value, cst.Name)
        and isinstance(statement, cst.Assign)
        and len(statement.targets) == 1
        and method is not None
    ):
        return None
    found = analysis.lookup(value.value, method)
    if found is None or found[0] is not method or len(found[1]) != 1:
        return None
    binding = found[1][0]
    if binding.kind != "param" or not isinstance(binding.node, cst.Param):
        return None
    if [use for use in analysis.uses_of(value.value, method) if use is not binding.node.name] != [
        value
    ]:
        return None
    return value, binding, method
