using System.Security.Cryptography;

namespace Engine.Binance.Live.Orders;

/// <summary>HMAC-SHA256 over the payload, as lowercase hex (Binance: "signatures are case-insensitive"). No allocation per call.</summary>
public sealed class HmacSha256Signer : IRequestSigner
{
    private readonly byte[] _secret;

    public HmacSha256Signer(ReadOnlySpan<byte> secret)
    {
        if (secret.IsEmpty)
        {
            throw new ArgumentException("the HMAC secret key is empty", nameof(secret));
        }

        _secret = secret.ToArray();
    }

    public ApiKeyKind Kind => ApiKeyKind.Hmac;

    public int MaxSignatureLength => 64;

    public int Sign(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_secret, payload, mac);
        return HexText.WriteLower(mac, destination);
    }

    public override string ToString() => "HMAC-SHA256 signer (secret hidden)";
}
