import { splitStatements } from './split-statements';

test.each([
  ['one statement without a trailing semicolon', 'SELECT 1', ['SELECT 1']],
  [
    'statements on their own lines',
    'CREATE TABLE a (x UInt8) ENGINE = Memory;\nSELECT 2;\n',
    ['CREATE TABLE a (x UInt8) ENGINE = Memory', 'SELECT 2'],
  ],
  ['a semicolon inside a string', "SELECT 'a;b';\nSELECT 3", ["SELECT 'a;b'", 'SELECT 3']],
  [
    'escaped and doubled quotes',
    "SELECT 'it\\'s;', 'x'';y';SELECT 4",
    ["SELECT 'it\\'s;', 'x'';y'", 'SELECT 4'],
  ],
  ['quoted identifiers', 'SELECT 1 AS `a;b`, 2 AS "c;d";', ['SELECT 1 AS `a;b`, 2 AS "c;d"']],
  ['a semicolon in a line comment', '-- first; second\nSELECT 5;', ['-- first; second\nSELECT 5']],
  ['a semicolon in a block comment', '/* a; b */ SELECT 6; SELECT 7', ['/* a; b */ SELECT 6', 'SELECT 7']],
  ['comment-only and empty pieces', '-- header only\n;\n\n;  /* nothing */ ;SELECT 8;;', ['SELECT 8']],
  ['an empty script', '  \n-- nothing here\n', []],
])('%s', (_name, sql, expected) => {
  expect(splitStatements(sql)).toEqual(expected);
});
