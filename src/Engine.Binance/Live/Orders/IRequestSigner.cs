namespace Engine.Binance.Live.Orders;

/// <summary>
/// Signs the exact payload Binance specifies (REST: the query string as sent; WS API: the parameters sorted by name)
/// into caller-owned ASCII bytes. Implementations hold the secret and never show it (not in ToString, not in errors).
/// </summary>
public interface IRequestSigner
{
    /// <summary>Which key type signs.</summary>
    ApiKeyKind Kind { get; }

    /// <summary>The longest signature text <see cref="Sign"/> writes.</summary>
    int MaxSignatureLength { get; }

    /// <summary>Writes the signature text (HMAC: lowercase hex; Ed25519: base64) and returns its length.</summary>
    int Sign(ReadOnlySpan<byte> payload, Span<byte> destination);
}
