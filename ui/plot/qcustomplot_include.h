#pragma once
// QCustomPlot's header uses Qt's `signals:` and `foreach` keywords, which QT_NO_KEYWORDS
// (project-wide, for LibTorch) turns off. Map them for this one header, then undo it.
#define signals Q_SIGNALS
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef foreach
#undef signals
