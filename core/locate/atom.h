#pragma once
// One detected atom column in one frame, as atoms.csv writes it.

namespace hrtem {

enum class SiteKind { Bulk, Surface };

struct Atom {
    int id = 0;                  ///< index within its frame
    double x = 0.0, y = 0.0;     ///< px; pixel (0,0) is centred at (0,0)
    double sigmaX = 0.0, sigmaY = 0.0; ///< fitted Gaussian widths (px)
    double amplitude = 0.0;      ///< fitted peak height over the background (negative: dark column)
    double background = 0.0;
    double errX = 0.0, errY = 0.0; ///< 1-sigma position uncertainty (px): fit and systematic terms (systematic_error.h)
    /// The fit's own 1-sigma (CRB scaled by the reduced chi²): the random part, which averaging
    /// over frames reduces. errX/errY add the frame's systematic term to it.
    double fitErrX = 0.0, fitErrY = 0.0;
    double crbX = 0.0, crbY = 0.0; ///< single-frame Cramér-Rao bound (px)
    double significance = 0.0;   ///< detection strength in noise standard deviations
    int coordination = 0;        ///< neighbours in the bond graph
    SiteKind site = SiteKind::Bulk;
    int trackId = -1;
    /// The site the column vibrates about, from its positions in neighbouring frames
    /// (temporal_refinement.h); the single-frame position until that has run.
    double siteX = 0.0, siteY = 0.0;
    double siteErr = 0.0;        ///< 1-sigma per axis of the site position (px)
    int siteFrames = 0;          ///< frames averaged
    bool edited = false;         ///< added or moved by hand (corrections.h)
};

} // namespace hrtem
