#pragma once
#include <cstddef>
#include <string>

namespace hrtem {

std::string latin1ToUtf8(const std::string& latin1);
/// Converts UTF-16 (surrogate pairs included) to UTF-8; unpaired surrogates become U+FFFD.
std::string utf16ToUtf8(const std::u16string& utf16);
bool isValidUtf8(const std::string& text);
/// Decodes UTF-8; invalid bytes become U+FFFD.
std::u32string utf8ToCodePoints(const std::string& utf8);
std::string trim(const std::string& text);
std::string toLower(std::string text);
/// Escapes a string for inclusion in JSON or CSV-free logs: control characters become \uXXXX.
std::string printable(const std::string& text);
/// A usage line: `head`, then `text` word-wrapped from column `indent` to `width` (on the next
/// line when `head` reaches the indent), ending in a newline. As `hrtem COMMAND --help` lists options.
std::string hangingIndent(const std::string& head, const std::string& text, std::size_t indent = 30, std::size_t width = 100);

} // namespace hrtem
