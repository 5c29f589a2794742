#!/usr/bin/env python3
"""Lists C++ function bodies longer than a limit (default 120 lines) in the given folders.

A function body is a brace block opened at namespace level (column 0 '{' after a signature,
or a signature line ending in '{'); lambdas and class bodies inside functions count towards
their function. Exit status 1 when any body is longer than the limit.
Usage: function_lengths.py [--limit N] [--list] DIR...
"""
import os
import re
import sys


def strip_comments_and_strings(text):
    text = re.sub(r'//[^\n]*', '', text)
    text = re.sub(r'/\*.*?\*/', lambda m: '\n' * m.group(0).count('\n'), text, flags=re.S)
    text = re.sub(r'R"\((.*?)\)"', lambda m: '""' + '\n' * m.group(0).count('\n'), text, flags=re.S)
    text = re.sub(r'"(\\.|[^"\\\n])*"', '""', text)
    text = re.sub(r"'(\\.|[^'\\\n])'", "''", text)
    return text


def functions(path):
    lines = strip_comments_and_strings(open(path, encoding='utf-8').read()).split('\n')
    depth = 0
    scopes = []  # stack of (kind, start line)
    out = []
    pending = ''
    for number, line in enumerate(lines, 1):
        for ch in line:
            if ch == '{':
                head = pending.strip()
                if any(kind == 'function' for kind, _, _ in scopes):
                    kind = 'inner'
                elif re.search(r'\b(namespace|class|struct|enum|union)\b[^()]*$', head) or head.endswith('='):
                    kind = 'scope'
                elif re.search(r'\)\s*(const)?\s*(noexcept)?\s*(override)?\s*(->[^{]*)?$', head) or \
                        re.search(r'\)\s*:\s*.*$', head):
                    kind = 'function'
                else:
                    kind = 'scope'
                name = re.findall(r'([~\w:]+)\s*\(', head)
                scopes.append((kind, number, name[0] if name else head[-40:]))
                pending = ''
            elif ch == '}':
                if scopes:
                    kind, start, name = scopes.pop()
                    if kind == 'function':
                        out.append((number - start + 1, start, name))
                pending = ''
            elif ch == ';':
                if not scopes or scopes[-1][0] == 'scope':
                    pending = ''
                else:
                    pending += ch
            else:
                pending += ch
        pending += ' '
    return out


def main():
    args = sys.argv[1:]
    limit = 120
    listing = False
    if '--limit' in args:
        i = args.index('--limit')
        limit = int(args[i + 1])
        del args[i:i + 2]
    if '--list' in args:
        listing = True
        args.remove('--list')
    long_ones = []
    for root_dir in args:
        for root, _, names in os.walk(root_dir):
            for n in sorted(names):
                if n.endswith('.cpp') or n.endswith('.h'):
                    p = os.path.join(root, n)
                    for length, start, name in functions(p):
                        if length > limit or listing:
                            long_ones.append((length, f'{p}:{start}', name))
    for length, where, name in sorted(long_ones, reverse=True):
        print(f'{length:5d}  {where}  {name}')
    return 1 if any(l > limit for l, _, _ in long_ones) else 0


if __name__ == '__main__':
    sys.exit(main())
