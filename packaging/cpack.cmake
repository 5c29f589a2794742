# `cpack -G DEB` in the build folder makes hrtem-studio_<version>_<arch>.deb, installable with
# `apt-get install ./hrtem-studio_*.deb`. Run-time dependencies come from dpkg-shlibdeps.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME hrtem-studio)
set(CPACK_PACKAGE_VENDOR "HRTEM Studio developers")
set(CPACK_PACKAGE_CONTACT "HRTEM Studio developers <hrtem-studio@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Restore, localize and track atoms in in-situ HRTEM movies")
set(CPACK_PACKAGE_DESCRIPTION
    "HRTEM Studio opens DM3/DM4, TIFF and video stacks with their calibration, restores low-dose\n frames, localizes atom columns, tracks them and exports trajectories. GUI: hrtem-studio; CLI: hrtem.")
set(CPACK_PACKAGE_HOMEPAGE_URL ${PROJECT_HOMEPAGE_URL})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Qt's platform plugins live in their own package; Chinese needs a CJK font.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-wqy-microhei | fonts-noto-cjk, qt6-translations-l10n")
set(CPACK_STRIP_FILES ON)
include(CPack)
