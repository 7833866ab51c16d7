"""Every error the core raises says itself in Chinese too (issue 14: one way to show a problem).

The walk below reads app/ with `ast`: each call that builds a BranchDeskError (or a subclass)
must pass `zh=` (and `hint_zh=` beside a hint) with Chinese in it; a subclass that words its
own text passes them in its `super().__init__`. So no English-only error can be added later.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest

import app
from app.errors import BranchDeskError, Cancelled, InvalidInput, NotFound, StartupError
from app.rules.ids import ClientId

APP = Path(app.__file__).parent
# Chinese characters, and the full-width punctuation that joins Chinese to a value (“：”).
CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")


def _error_classes() -> dict[str, type[BranchDeskError]]:
    for module in pkgutil.walk_packages([str(APP)], "app."):
        importlib.import_module(module.name)
    found: dict[str, type[BranchDeskError]] = {}
    todo: list[type[BranchDeskError]] = [BranchDeskError]
    while todo:
        cls = todo.pop()
        if cls.__module__.startswith("app."):
            found[cls.__name__] = cls
        todo.extend(cls.__subclasses__())
    return found


def _takes_chinese(cls: type[BranchDeskError]) -> bool:
    return "zh" in inspect.signature(cls.__init__).parameters


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _is_empty(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and not node.value


def _lacks_chinese(node: ast.expr) -> bool:
    """A literal (or f-string) without a Chinese character; an expression is trusted."""
    if isinstance(node, ast.Constant):
        return not (isinstance(node.value, str) and CJK.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return not any(isinstance(part, ast.Constant) and CJK.search(str(part.value)) for part in node.values)
    return False


def _check_call(call: ast.Call, hint_at: int) -> str:
    keywords = {k.arg: k.value for k in call.keywords if k.arg}
    if any(k.arg is None for k in call.keywords):
        return ""  # **kwargs: forwarded from a checked caller
    zh = keywords.get("zh")
    if zh is None or _lacks_chinese(zh):
        return "no Chinese text (zh=)"
    hint = keywords.get("hint", call.args[hint_at] if len(call.args) > hint_at else None)
    if hint is not None and not _is_empty(hint):
        hint_zh = keywords.get("hint_zh")
        if hint_zh is None or _lacks_chinese(hint_zh):
            return "a hint without its Chinese (hint_zh=)"
    return ""


def _subclass_bodies(tree: ast.Module, classes: dict[str, type[BranchDeskError]]) -> list[ast.ClassDef]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef) and node.name in classes and node.name != "BranchDeskError"
    ]


def _problems() -> list[str]:
    classes = _error_classes()
    problems = []
    for path in sorted(APP.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        where = path.relative_to(APP.parent)
        for node in ast.walk(tree):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Name) and node.exc.id in classes:
                problems.append(f"{where}:{node.lineno}: raise {node.exc.id} without its message")
            if not isinstance(node, ast.Call):
                continue
            cls = classes.get(_called_name(node))
            if cls is None or not _takes_chinese(cls):
                continue
            # StartupError(code, path, message, hint, ...): the hint is its fourth argument.
            why = _check_call(node, 3 if issubclass(cls, StartupError) else 1)
            if why:
                problems.append(f"{where}:{node.lineno}: {cls.__name__}(...): {why}")
        for body in _subclass_bodies(tree, classes):
            for node in ast.walk(body):
                if not isinstance(node, ast.Call):
                    continue
                is_super_init = (isinstance(node.func, ast.Attribute)
                                 and node.func.attr == "__init__" and isinstance(node.func.value, ast.Call)
                                 and _called_name(node.func.value) == "super")  # fmt: skip
                if is_super_init and (why := _check_call(node, 1)):
                    problems.append(f"{where}:{node.lineno}: {body.name}'s super().__init__: {why}")
    return problems


def test_every_error_the_core_raises_has_chinese_text() -> None:
    problems = _problems()
    assert not problems, f"{len(problems)} English-only errors:\n" + "\n".join(problems)


def test_the_walk_sees_the_errors() -> None:
    """Guards the test above against finding nothing to check."""
    classes = _error_classes()
    assert {"InvalidInput", "NotFound", "DatabaseBusy", "StartupError", "Cancelled", "SyncRunning"} <= set(classes)


def test_an_error_is_said_in_the_language_asked_for() -> None:
    error = InvalidInput("The file is empty.", "Choose another file.", zh="文件是空的。", hint_zh="请另选文件。")
    assert error.text("zh_CN") == "文件是空的。请另选文件。"
    assert error.text("en") == str(error) == "The file is empty. Choose another file."
    assert error.problem.message("zh_CN") == "文件是空的。请另选文件。"
    assert error.problem.code == "invalid_input"
    assert (error.message_in("zh_CN"), error.hint_in("zh_CN")) == ("文件是空的。", "请另选文件。")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_cancelled_is_one_type(language: str) -> None:
    error = Cancelled("The export was cancelled.", zh="导出已取消。")
    assert isinstance(error, BranchDeskError) and error.code == "cancelled"
    assert error.text(language) == ("导出已取消。" if language == "zh_CN" else "The export was cancelled.")


def test_a_missing_client_is_said_in_chinese(tmp_path: Path) -> None:
    from app.context import AppContext

    ctx = AppContext.open(tmp_path)
    try:
        with pytest.raises(NotFound) as caught:
            ctx.clients.get(ClientId("no-such-id"))
    finally:
        ctx.close()
    assert CJK.search(caught.value.text("zh_CN")) and not re.search(r"[A-Za-z]{3,}", caught.value.text("zh_CN"))


def test_a_csv_refusal_says_what_to_do_in_chinese() -> None:
    from app.common.csv_files import read_csv

    with pytest.raises(InvalidInput) as caught:
        read_csv(b"PK\x03\x04 a workbook", "clients.xlsx")
    assert caught.value.text("zh_CN") == (
        "clients.xlsx 是 Excel 工作簿，不是 CSV 文件。"
        "请在 Excel 中选择“文件 › 另存为 › CSV UTF-8”（或“CSV”），再导入该文件。"
    )
    assert caught.value.text("en").startswith("clients.xlsx is an Excel workbook, not a CSV file. In Excel")


def test_a_visit_that_cannot_change_status_names_both_statuses_in_chinese() -> None:
    from app.planner.records import InvalidTransition

    assert InvalidTransition("done", "no_show").text("zh_CN") == (
        "已完成的拜访不能改为客户爽约。只有计划中的拜访可以改变状态；已结束的拜访请通过编辑来更正。"
    )


def test_a_startup_error_is_said_in_chinese_with_its_hint() -> None:
    from app.keys import MIN_PASSPHRASE, _passphrase_key

    with pytest.raises(StartupError) as caught:
        _passphrase_key(Path("/data/branchdesk.sqlite3"), "short", new=True)
    assert caught.value.message_in("zh_CN") == f"新口令至少需要 {MIN_PASSPHRASE} 个字符。"
    assert caught.value.hint_in("zh_CN") == "请设置更长的口令。"
