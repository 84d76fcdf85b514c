"""The screens of the interview: start, setup, listening, diagnosing, results, help and dialogs."""

from .diagnosing import DiagnosingScreen
from .help import HelpScreen
from .listening import ListeningScreen
from .modals import ExportModal, ExportRequest, NewStakeholder, StakeholderModal, SymptomPickerScreen
from .results import ResultsScreen
from .setup import SetupScreen
from .start import StartScreen

__all__ = [
    "DiagnosingScreen",
    "ExportModal",
    "ExportRequest",
    "HelpScreen",
    "ListeningScreen",
    "NewStakeholder",
    "ResultsScreen",
    "SetupScreen",
    "StakeholderModal",
    "StartScreen",
    "SymptomPickerScreen",
]
