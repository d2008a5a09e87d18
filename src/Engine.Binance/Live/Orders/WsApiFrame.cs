namespace Engine.Binance.Live.Orders;

/// <summary>
/// Binance's WS API request envelope from a sorted <c>name=value&amp;…</c> parameter text:
/// <c>{"id":N,"method":"…","params":{"name":"value",…}}</c>, <c>timestamp</c> and <c>recvWindow</c> as JSON numbers
/// (Binance: INT parameters are numbers, DECIMAL ones strings). Values are the gateway's own (symbols, decimals, ids,
/// enum words, hex or base64 signatures), none of which needs JSON escaping.
/// </summary>
internal static class WsApiFrame
{
    public static int Write(Span<byte> destination, long id, ReadOnlySpan<byte> method, ReadOnlySpan<byte> parameters)
    {
        int n = Put(destination, 0, "{\"id\":"u8);
        id.TryFormat(destination[n..], out int digits, default, System.Globalization.CultureInfo.InvariantCulture);
        n += digits;
        n = Put(destination, n, ",\"method\":\""u8);
        n = Put(destination, n, method);
        n = Put(destination, n, "\",\"params\":{"u8);
        bool first = true;
        while (!parameters.IsEmpty)
        {
            int amp = parameters.IndexOf((byte)'&');
            ReadOnlySpan<byte> pair = amp < 0 ? parameters : parameters[..amp];
            parameters = amp < 0 ? [] : parameters[(amp + 1)..];
            int eq = pair.IndexOf((byte)'=');
            ReadOnlySpan<byte> name = pair[..eq];
            ReadOnlySpan<byte> value = pair[(eq + 1)..];
            if (!first)
            {
                destination[n++] = (byte)',';
            }

            first = false;
            destination[n++] = (byte)'"';
            n = Put(destination, n, name);
            n = Put(destination, n, "\":"u8);
            bool number = name.SequenceEqual("timestamp"u8) || name.SequenceEqual("recvWindow"u8);
            if (!number)
            {
                destination[n++] = (byte)'"';
            }

            n = Put(destination, n, value);
            if (!number)
            {
                destination[n++] = (byte)'"';
            }
        }

        return Put(destination, n, "}}"u8);
    }

    private static int Put(Span<byte> destination, int at, ReadOnlySpan<byte> text)
    {
        text.CopyTo(destination[at..]);
        return at + text.Length;
    }
}
