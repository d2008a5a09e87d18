using System.Buffers;
using Engine.Model;

namespace Engine.Binance.Live.Orders;

/// <summary>
/// Builds a signed request's parameters as ASCII <c>name=value&amp;…</c> in one pooled buffer, then appends
/// <c>&amp;signature=…</c> (Ed25519's base64 percent-encoded). Values are the engine's fixed-point numbers and ids,
/// written without allocating. One instance per thread; <see cref="Reset"/> before each request.
/// </summary>
public sealed class SignedQuery : IDisposable
{
    private byte[] _buffer;
    private int _length;

    public SignedQuery(int capacity = 2048) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public ArraySegment<byte> Segment => new(_buffer, 0, _length);

    public int Length => _length;

    public void Reset() => _length = 0;

    public SignedQuery Add(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        Name(name);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
        return this;
    }

    public SignedQuery AddLong(ReadOnlySpan<byte> name, long value)
    {
        Name(name);
        value.TryFormat(_buffer.AsSpan(_length), out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    /// <summary>A price or quantity, as the shortest exact decimal (no trailing zeros: no -1111 for extra decimals).</summary>
    public SignedQuery AddDecimal(ReadOnlySpan<byte> name, long e8)
    {
        Name(name);
        FixedPoint.TryFormat(e8, _buffer.AsSpan(_length), out int written);
        _length += written;
        return this;
    }

    /// <summary><c>{prefix}-{id}</c>, Binance's <c>newClientOrderId</c>/<c>clientAlgoId</c> alphabet.</summary>
    public SignedQuery AddClientId(ReadOnlySpan<byte> name, string prefix, ClientOrderId id)
    {
        Name(name);
        if (!id.TryFormat(prefix, _buffer.AsSpan(_length), out int written))
        {
            throw new ArgumentException("client order id prefix not allowed", nameof(prefix));
        }

        _length += written;
        return this;
    }

    /// <summary>Signs everything written so far and appends the signature parameter.</summary>
    public void Sign(IRequestSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        Span<byte> signature = stackalloc byte[signer.MaxSignatureLength];
        int n = signer.Sign(Written, signature);
        Name("signature"u8);
        for (int i = 0; i < n; i++)
        {
            byte b = signature[i];
            if (b is (byte)'+' or (byte)'/' or (byte)'=')
            {
                _buffer[_length++] = (byte)'%';
                _buffer[_length++] = Hex(b >> 4);
                _buffer[_length++] = Hex(b & 0xF);
            }
            else
            {
                _buffer[_length++] = b;
            }
        }
    }

    public void Dispose()
    {
        if (_buffer.Length != 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    public override string ToString() => System.Text.Encoding.ASCII.GetString(Written);

    private void Name(ReadOnlySpan<byte> name)
    {
        if (_length != 0)
        {
            _buffer[_length++] = (byte)'&';
        }

        name.CopyTo(_buffer.AsSpan(_length));
        _length += name.Length;
        _buffer[_length++] = (byte)'=';
    }

    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);
}
