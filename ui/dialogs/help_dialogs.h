#pragma once
// Help → Manual (the manual in the interface's language, from resources/manual/) and Help →
// Keyboard shortcuts (every menu action's keys, read from the window's menus so the list can
// never disagree with them, and the keys the frame view and playback handle themselves).
class QMainWindow;
class QDialog;

namespace hrtem::ui {

/// Opens (non-modal) the manual; returns the dialog.
QDialog* showManual(QMainWindow* window);
/// Opens (non-modal) the table of keyboard shortcuts; returns the dialog.
QDialog* showShortcuts(QMainWindow* window);

} // namespace hrtem::ui
