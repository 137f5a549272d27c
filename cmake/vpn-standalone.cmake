# SPDX-License-Identifier: GPL-2.0-only
#
# Standalone home of the vpn module: define ns-3's build_lib() and build_lib_example() against an
# installed ns-3 (Debian 12's libns3-dev 3.37, or any later release), so the module's one
# CMakeLists.txt builds the same library, examples and tests here as inside an ns-3 tree's contrib/.

include_guard(GLOBAL)

set(CMAKE_POSITION_INDEPENDENT_CODE ON)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)
# The installed library finds the ns-3 it was built against wherever that ns-3 lives.
set(CMAKE_INSTALL_RPATH_USE_LINK_PATH ON)
if(NOT CMAKE_BUILD_TYPE)
  set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

option(VPN_SANITIZE "Build everything with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(VPN_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
endif()

# ns-3's version file demands an exact match, so ask for no version and check it here.
find_package(ns3 CONFIG REQUIRED)
if(ns3_VERSION MATCHES "^[0-9]+-dev")
  set(vpn_ns3_numeric 999)
elseif(NOT ns3_VERSION OR ns3_VERSION VERSION_LESS 3.37)
  message(FATAL_ERROR "vpn needs ns-3 3.37 or later; found '${ns3_VERSION}'")
else()
  set(vpn_ns3_numeric ${ns3_VERSION})
endif()
message(STATUS "vpn: standalone build against ns-3 ${ns3_VERSION}")

# The language of the installed ns-3's headers: C++17 up to 3.40, C++20 from 3.41, C++23 from
# 3.46 (ns-3-dev's CHANGES.md).
if(vpn_ns3_numeric VERSION_GREATER_EQUAL 3.46)
  set(CMAKE_CXX_STANDARD 23)
elseif(vpn_ns3_numeric VERSION_GREATER_EQUAL 3.41)
  set(CMAKE_CXX_STANDARD 20)
else()
  set(CMAKE_CXX_STANDARD 17)
endif()
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)

# Map ${libX} to whichever imported target this ns-3 exports: ns3::libX up to 3.42, ns3::X after.
# The modules vpn links must be there; an ns-3 built with only those (as contrib-check builds it)
# is enough.
foreach(
  module
  core
  network
  internet
  internet-apps
  applications
  point-to-point
  virtual-net-device
  traffic-control
)
  if(TARGET ns3::lib${module})
    set(lib${module} ns3::lib${module})
  elseif(TARGET ns3::${module})
    set(lib${module} ns3::${module})
  else()
    message(FATAL_ERROR "vpn: the installed ns-3 has no '${module}' module, which vpn needs")
  endif()
endforeach()

enable_testing()

set(CMAKE_RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
set(CMAKE_LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/lib)
set(CMAKE_HEADER_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/include/ns3)
set(VPN_STANDALONE ON)

# The module's own code is held to -Wall -Wextra -Werror; ns-3's headers come in as system headers.
# GCC 12.1-12.3 warns falsely of overlapping memcpy in std::string's operator+ under C++20 and
# later (GCC bug 105545); ns-3's own build turns -Wrestrict off for those compilers, and so do we.
set(VPN_WARNINGS -Wall -Wextra -Werror)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU"
   AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12.1
   AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 12.3.2
   AND CMAKE_CXX_STANDARD GREATER_EQUAL 20)
  list(APPEND VPN_WARNINGS -Wno-restrict)
endif()

# Debug builds: the imported targets export no definitions, so switch logging and asserts on here.
set(VPN_DEBUG_DEFINITIONS $<$<CONFIG:Debug>:NS3_LOG_ENABLE> $<$<CONFIG:Debug>:NS3_ASSERT_ENABLE>)

function(vpn_apply_common target)
  target_compile_options(${target} PRIVATE ${VPN_WARNINGS})
  target_compile_definitions(${target} PRIVATE ${VPN_DEBUG_DEFINITIONS})
  target_include_directories(${target} PRIVATE ${CMAKE_BINARY_DIR}/include)
endfunction()

# vpn_install_library(name headers): `cmake --install` puts the library in lib/, its public headers
# (the module header included) in include/ns3/, and a CMake
# package in lib/cmake/vpn/, so that a program of one's own needs only
#   find_package(vpn REQUIRED)  and  target_link_libraries(my-program ns3::vpn)
# (README, "Writing your own program"; test/install-test.sh builds one against the install).
function(vpn_install_library name headers)
  install(TARGETS ${name} EXPORT vpnTargets LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(FILES ${headers} ${CMAKE_HEADER_OUTPUT_DIRECTORY}/${name}-module.h
          DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/ns3)
  install(EXPORT vpnTargets NAMESPACE ns3:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/vpn)
  configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/vpnConfig.cmake.in
                                ${CMAKE_BINARY_DIR}/vpnConfig.cmake
                                INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/vpn)
  write_basic_package_version_file(${CMAKE_BINARY_DIR}/vpnConfigVersion.cmake
                                   VERSION ${VPN_VERSION} COMPATIBILITY SameMinorVersion)
  install(FILES ${CMAKE_BINARY_DIR}/vpnConfig.cmake ${CMAKE_BINARY_DIR}/vpnConfigVersion.cmake
          DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/vpn)
endfunction()

# build_lib(LIBNAME name SOURCE_FILES ... HEADER_FILES ... LIBRARIES_TO_LINK ... TEST_SOURCES ...)
function(build_lib)
  cmake_parse_arguments(BLIB "IGNORE_PCH" "LIBNAME"
                        "SOURCE_FILES;HEADER_FILES;LIBRARIES_TO_LINK;TEST_SOURCES" ${ARGN})
  set(name ${BLIB_LIBNAME})

  # Public headers under build/include/ns3/, as ns-3 lays them out, plus the module header.
  set(module_header_body "")
  foreach(header ${BLIB_HEADER_FILES})
    get_filename_component(header_name ${header} NAME)
    configure_file(${CMAKE_CURRENT_SOURCE_DIR}/${header}
                   ${CMAKE_HEADER_OUTPUT_DIRECTORY}/${header_name} COPYONLY)
    string(APPEND module_header_body "#include \"ns3/${header_name}\"\n")
  endforeach()
  string(TOUPPER "${name}" upper)
  string(REPLACE "-" "_" upper "${upper}")
  file(
    WRITE ${CMAKE_HEADER_OUTPUT_DIRECTORY}/${name}-module.h.tmp
    "// Generated by cmake/vpn-standalone.cmake: every public header of the ${name} module.\n"
    "#ifndef NS3_MODULE_${upper}_H\n#define NS3_MODULE_${upper}_H\n\n${module_header_body}\n"
    "#endif\n")
  configure_file(${CMAKE_HEADER_OUTPUT_DIRECTORY}/${name}-module.h.tmp
                 ${CMAKE_HEADER_OUTPUT_DIRECTORY}/${name}-module.h COPYONLY)

  add_library(${name} SHARED ${BLIB_SOURCE_FILES} ${BLIB_HEADER_FILES})
  # An ns-3 installed from a tree that had this module in contrib/ exports its own ns3::vpn.
  if(NOT TARGET ns3::${name})
    add_library(ns3::${name} ALIAS ${name})
  endif()
  vpn_apply_common(${name})
  # libns3-vpn.so, named as ns-3 names its modules' libraries (libns3-core.so).
  set_target_properties(${name} PROPERTIES OUTPUT_NAME ns3-${name} EXPORT_NAME ${name})
  target_include_directories(${name} PUBLIC $<BUILD_INTERFACE:${CMAKE_BINARY_DIR}/include>
                                            $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_link_libraries(${name} PUBLIC ${BLIB_LIBRARIES_TO_LINK})
  # A program built against the installed module compiles in the language of ns-3's headers.
  target_compile_features(${name} PUBLIC cxx_std_${CMAKE_CXX_STANDARD})
  vpn_install_library(${name} "${BLIB_HEADER_FILES}")

  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/examples/CMakeLists.txt)
    add_subdirectory(examples)
  endif()

  # Tests: one OBJECT library (keeps the static TestSuite registrations), one test-runner, and one
  # ctest test per TestSuite, named after the suite.
  if(BLIB_TEST_SOURCES)
    add_library(${name}-test OBJECT ${BLIB_TEST_SOURCES})
    vpn_apply_common(${name}-test)
    target_link_libraries(${name}-test ${name})
    add_executable(test-runner ${PROJECT_SOURCE_DIR}/cmake/test-runner-main.cc
                               $<TARGET_OBJECTS:${name}-test>)
    target_link_libraries(test-runner ${name})
    foreach(source ${BLIB_TEST_SOURCES})
      file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/${source} lines REGEX "TestSuite\\(\"[^\"]+\"")
      foreach(line ${lines})
        string(REGEX MATCH "TestSuite\\(\"([^\"]+)\"" _ "${line}")
        set(suite ${CMAKE_MATCH_1})
        add_test(NAME ${suite} COMMAND test-runner --suite=${suite})
        # The runner exits 0 when a suite name matches nothing; insist that the suite ran.
        set_tests_properties(${suite} PROPERTIES PASS_REGULAR_EXPRESSION "PASS ${suite}"
                                                 FAIL_REGULAR_EXPRESSION "FAIL|CRASH")
      endforeach()
    endforeach()
  endif()
endfunction()

# build_lib_example(NAME name SOURCE_FILES ... LIBRARIES_TO_LINK ...)
function(build_lib_example)
  cmake_parse_arguments(BLIB_EXAMPLE "IGNORE_PCH" "NAME" "SOURCE_FILES;HEADER_FILES;LIBRARIES_TO_LINK"
                        ${ARGN})
  add_executable(${BLIB_EXAMPLE_NAME} ${BLIB_EXAMPLE_SOURCE_FILES})
  vpn_apply_common(${BLIB_EXAMPLE_NAME})
  target_link_libraries(${BLIB_EXAMPLE_NAME} ${BLIB_EXAMPLE_LIBRARIES_TO_LINK})
  set_target_properties(${BLIB_EXAMPLE_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY
                                                        ${CMAKE_BINARY_DIR}/examples)
endfunction()

# vpn_example_smoke_test(test example args...): ctest runs the example once, as test `test`, with
# short arguments. examples/CMakeLists.txt calls it for each entry of test/examples-to-run.py,
# the list that ns-3's test.py runs inside an ns-3 tree.
function(vpn_example_smoke_test test example)
  add_test(NAME ${test} COMMAND ${example} ${ARGN})
  set_tests_properties(${test} PROPERTIES LABELS example)
endfunction()
