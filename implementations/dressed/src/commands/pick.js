const FRUITS = [
  'Apple', 'Apricot', 'Avocado', 'Banana', 'Blackberry', 'Blackcurrant', 'Blueberry', 'Cherry', 'Clementine',
  'Coconut', 'Cranberry', 'Date', 'Dragon fruit', 'Elderberry', 'Fig', 'Gooseberry', 'Grape', 'Grapefruit',
  'Guava', 'Kiwi', 'Lemon', 'Lime', 'Lychee', 'Mango', 'Melon', 'Nectarine', 'Orange', 'Papaya', 'Peach', 'Pear',
  'Pineapple', 'Plum', 'Pomegranate', 'Raspberry', 'Strawberry', 'Watermelon',
];

export const config = {
  description: 'Picks a fruit and a number, with autocomplete.',
  options: [
    { type: 3, name: 'fruit', description: 'A fruit', required: true, autocomplete: true },
    { type: 4, name: 'number', description: 'A number', required: true, autocomplete: true, min_value: 0, max_value: 999 },
  ],
};

export default function pick(interaction) {
  return interaction.reply(`You picked ${interaction.getOption('fruit')?.string()} and ${interaction.getOption('number')?.integer()}.`);
}

export function autocomplete(interaction) {
  const focused = (interaction.data.options ?? []).find((option) => option.focused);
  const typed = String(focused?.value ?? '');
  if (focused?.name === 'fruit') {
    const fruits = FRUITS.filter((fruit) => fruit.toLowerCase().startsWith(typed.toLowerCase())).slice(0, 25);
    return interaction.sendChoices(fruits.map((fruit) => ({ name: fruit, value: fruit.toLowerCase() })));
  }
  const numbers = Array.from({ length: 1000 }, (_, n) => String(n)).filter((n) => n.startsWith(typed.trim())).slice(0, 25);
  return interaction.sendChoices(numbers.map((n) => ({ name: n, value: Number(n) })));
}
