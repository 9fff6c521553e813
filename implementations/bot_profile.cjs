// The conformance bot's profile (conformance/bot/__init__.py, docs/bot.md) as the Node drivers restate it: /pick's
// choices. Only Node's standard library: it runs in any driver.
const FRUITS = [
  'Apple', 'Apricot', 'Avocado', 'Banana', 'Blackberry', 'Blackcurrant', 'Blueberry', 'Cherry', 'Clementine',
  'Coconut', 'Cranberry', 'Date', 'Dragon fruit', 'Elderberry', 'Fig', 'Gooseberry', 'Grape', 'Grapefruit',
  'Guava', 'Kiwi', 'Lemon', 'Lime', 'Lychee', 'Mango', 'Melon', 'Nectarine', 'Orange', 'Papaya', 'Peach', 'Pear',
  'Pineapple', 'Plum', 'Pomegranate', 'Raspberry', 'Strawberry', 'Watermelon',
];
const MAX_CHOICES = 25;
const NUMBER_MAX = 999;

/** Return /pick's choices for its option `name` after `typed` was typed: the fruits, or the numbers, that start with it. */
function pickChoices(name, typed) {
  const text = String(typed ?? '');
  if (name === 'fruit') {
    return FRUITS.filter((fruit) => fruit.toLowerCase().startsWith(text.toLowerCase()))
      .slice(0, MAX_CHOICES)
      .map((fruit) => ({ name: fruit, value: fruit.toLowerCase() }));
  }
  if (name === 'number') {
    return Array.from({ length: NUMBER_MAX + 1 }, (_, number) => String(number))
      .filter((number) => number.startsWith(text.trim()))
      .slice(0, MAX_CHOICES)
      .map((number) => ({ name: number, value: Number(number) }));
  }
  return [];
}

module.exports = { FRUITS, pickChoices };
