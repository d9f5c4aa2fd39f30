// punycode.js ships no types; these are the two functions the name model uses (RFC 3492).
declare module "punycode.js" {
  const punycode: {
    /** Unicode label → its punycode, without the `xn--` prefix. */
    encode(input: string): string;
    /** Punycode (without `xn--`) → the Unicode label; throws RangeError on invalid input. */
    decode(input: string): string;
  };
  export default punycode;
}
