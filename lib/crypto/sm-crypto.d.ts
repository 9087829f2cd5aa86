// The classic, pure-JS sm-crypto (a devDependency, jsbn-based). Only tests and the benchmark load it,
// as an implementation independent of sm-crypto-v2. Typed here for the few calls they make.
declare module 'sm-crypto' {
  type SignOptions = { der?: boolean; hash?: boolean; publicKey?: string; userId?: string };
  type VerifyOptions = { der?: boolean; hash?: boolean; userId?: string };
  const smCrypto: {
    sm2: {
      generateKeyPairHex(): { privateKey: string; publicKey: string };
      getPublicKeyFromPrivateKey(privateKey: string): string;
      // Byte messages must be plain arrays: the library maps them to hex with Array#map.
      doSignature(msg: string | number[], privateKey: string, options?: SignOptions): string;
      doVerifySignature(msg: string | number[], signHex: string, publicKey: string, options?: VerifyOptions): boolean;
    };
    sm3(input: string | number[]): string;
  };
  export default smCrypto;
}
