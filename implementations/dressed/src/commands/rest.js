export const config = { description: "Answers through Discord's REST callback." };

// Every dressed reply goes through Discord's REST callback; a real bot would send one. The HTTP reply is dressed's
// 202 with no body.
export default function rest() {}
