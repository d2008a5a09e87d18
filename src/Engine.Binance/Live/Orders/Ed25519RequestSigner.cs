using System.Buffers.Text;
using NSec.Cryptography;

namespace Engine.Binance.Live.Orders;

/// <summary>
/// Ed25519 (RFC 8032) over the payload, base64 (Binance: case-sensitive; percent-encode it in a URL). NSec over
/// libsodium: the BCL has no Ed25519, and libsodium is the maintained, audited implementation the sim also uses.
/// </summary>
public sealed class Ed25519RequestSigner : IRequestSigner, IDisposable
{
    private readonly Key _key;

    private Ed25519RequestSigner(Key key) => _key = key;

    public ApiKeyKind Kind => ApiKeyKind.Ed25519;

    public int MaxSignatureLength => 88;

    /// <summary>The raw 32-byte public key (what the account registers with Binance, in PEM).</summary>
    public ReadOnlySpan<byte> PublicKey => _key.PublicKey.Export(KeyBlobFormat.RawPublicKey);

    /// <summary>From a PKCS#8 PEM (<c>-----BEGIN PRIVATE KEY-----</c>), as Binance's key generator writes it.</summary>
    public static Ed25519RequestSigner FromPkcs8Pem(ReadOnlySpan<byte> pem) =>
        Import(pem, KeyBlobFormat.PkixPrivateKeyText, "a PKCS#8 PEM Ed25519 private key");

    /// <summary>From the raw 32-byte seed (RFC 8032's "SECRET KEY").</summary>
    public static Ed25519RequestSigner FromRawSeed(ReadOnlySpan<byte> seed) =>
        Import(seed, KeyBlobFormat.RawPrivateKey, "a raw 32-byte Ed25519 private key");

    public int Sign(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        Span<byte> signature = stackalloc byte[64];
        SignatureAlgorithm.Ed25519.Sign(_key, payload, signature);
        Base64.EncodeToUtf8(signature, destination, out _, out int written);
        return written;
    }

    public void Dispose() => _key.Dispose();

    public override string ToString() => "Ed25519 signer (private key hidden)";

    private static Ed25519RequestSigner Import(ReadOnlySpan<byte> blob, KeyBlobFormat format, string what)
    {
        // No inner exception: a parser's message may quote the bytes it choked on, and those bytes are the secret.
        if (!Key.TryImport(SignatureAlgorithm.Ed25519, blob, format, out Key? key) || key is null)
        {
            throw new ApiKeyException("the Ed25519 key is not " + what);
        }

        return new Ed25519RequestSigner(key);
    }
}
