"""The one family of exceptions yzdocs raises on purpose.

Anything a user can cause (a missing repository, a bad option value, an
unknown holiday year) is a YzdocsError with a Chinese message; the CLI prints
the message and exits with ``exit_code`` — never a traceback.
"""


class YzdocsError(Exception):
    """Base class: a problem the user can fix, described in Chinese."""

    exit_code = 2


class RepositoryNotFound(YzdocsError):
    """No case repository at or above the given directory."""


class ConfigError(YzdocsError):
    """yzdocs.yaml, a rules policy or another setting is invalid."""


class UnknownYear(YzdocsError):
    """A date falls in a year for which no holiday data is known."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            f"缺少 {year} 年的法定节假日数据，无法计算期限。"
            f"请在案件库的 holidays.yaml 中加入 {year} 年（rest: 放假日期列表，work: 调休上班日期列表），"
            f"依据国务院办公厅发布的 {year} 年部分节假日安排通知。"
        )


def provisional_reason(year: int) -> str:
    """Why a due date is provisional (暂定), and the yearly step that makes it final."""
    return (f"缺少 {year} 年的法定节假日数据，该年的期限暂按周末和法定节假日（元旦、春节、清明、劳动节、端午、中秋、国庆的法定日）推算，未计入当年另行安排的放假和调休。"
            f"国务院办公厅发布 {year} 年部分节假日安排的通知后，请在案件库的 holidays.yaml 中加入 {year} 年"
            f"（rest: 放假日期列表，work: 调休上班日期列表），或升级 chinesecalendar。")


class RenderError(YzdocsError):
    """A template could not be rendered (syntax error, missing variable …)."""


class OutputError(YzdocsError):
    """Writing an output file failed (disk full, permission, lock held …)."""
