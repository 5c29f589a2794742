#pragma once
#include <QIcon>

namespace hrtem::ui {

/// The application icon, rendered from its SVG at the usual sizes (no SVG icon plugin needed).
QIcon applicationIcon();

} // namespace hrtem::ui
