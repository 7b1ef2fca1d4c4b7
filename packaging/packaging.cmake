# Install rules and the Debian package (cpack -G DEB in the build directory):
# jadwald in /usr/bin, the systemd unit, the sample config as a conffile in
# /etc/jadwal, and maintainer scripts that make the jadwal user and its
# directories (/var/lib/jadwal, /var/log/jadwal). tests/package/ installs it.
include(GNUInstallDirs)
# cpack and cmake --install need jadwald built, not every test: without this,
# packaging first builds the whole tree.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

install(TARGETS jadwald RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# The unit names the binary where this install puts it: the prefix is known
# only at install time (cpack installs under /usr, cmake --install under
# CMAKE_INSTALL_PREFIX), so the path is written then.
set(JADWAL_UNIT_STAGED ${CMAKE_BINARY_DIR}/packaging/jadwald.service)
install(CODE "
  file(READ \"${PROJECT_SOURCE_DIR}/conf/jadwald.service\" unit)
  string(REPLACE \"/usr/bin/\" \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/\" unit \"\${unit}\")
  string(REPLACE \"/usr/share/doc/jadwal/\" \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DOCDIR}/\" unit \"\${unit}\")
  file(WRITE \"${JADWAL_UNIT_STAGED}\" \"\${unit}\")
")
install(FILES ${JADWAL_UNIT_STAGED} DESTINATION lib/systemd/system)
# A system path whatever the prefix: jadwald.service reads it there.
install(FILES ${PROJECT_SOURCE_DIR}/conf/jadwal.ini DESTINATION /etc/jadwal PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/conf/nginx-jadwal.conf
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME jadwal)
set(CPACK_PACKAGE_VENDOR "Bagian Protokol dan Komunikasi Pimpinan")
set(CPACK_PACKAGE_CONTACT "Jadwal maintainers <agenda@example.go.id>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Agenda server: activity requests, their workflow, and leaders' CalDAV calendars")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
# Library packages come from dpkg-shlibdeps (libpoppler-cpp0v5 for the letters'
# words and libxlsxwriter4 for the recap workbook among them); these are needed
# without being linked.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# fonts-dejavu-core: the face the printed agenda (web/agenda_pdf.cpp) asks fontconfig for.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "passwd, tzdata, fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/packaging/postinst ${PROJECT_SOURCE_DIR}/packaging/prerm
                                       ${PROJECT_SOURCE_DIR}/packaging/postrm ${PROJECT_SOURCE_DIR}/packaging/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
