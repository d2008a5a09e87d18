namespace Engine.Model;

/// <summary>
/// Our own deterministic id for an order: a sequence number on the hot path, formatted to Binance's
/// <c>newClientOrderId</c> text (<c>^[.A-Z:/a-z0-9_-]{1,36}$</c>) only on the cold side, as <c>{prefix}-{value}</c>.
/// The same replay produces the same ids.
/// </summary>
public readonly record struct ClientOrderId(long Value)
{
    public static ClientOrderId None => default;

    public bool IsNone => Value == 0;

    /// <summary>Writes <c>{prefix}-{value}</c> as ASCII; false when it does not fit or the prefix is not allowed.</summary>
    public bool TryFormat(ReadOnlySpan<char> prefix, Span<byte> destination, out int written)
    {
        written = 0;
        if (prefix.Length + 21 > 36 || destination.Length < prefix.Length + 1)
        {
            return false;
        }

        for (int i = 0; i < prefix.Length; i++)
        {
            char c = prefix[i];
            if (!IsAllowed(c))
            {
                return false;
            }

            destination[i] = (byte)c;
        }

        destination[prefix.Length] = (byte)'-';
        if (!Value.TryFormat(destination[(prefix.Length + 1)..], out int digits, default, System.Globalization.CultureInfo.InvariantCulture))
        {
            return false;
        }

        written = prefix.Length + 1 + digits;
        return true;
    }

    /// <summary>Cold-side text form, e.g. <c>eng-42</c>.</summary>
    public string Format(string prefix)
    {
        Span<byte> buffer = stackalloc byte[36];
        return TryFormat(prefix, buffer, out int written)
            ? System.Text.Encoding.ASCII.GetString(buffer[..written])
            : throw new ArgumentException($"'{prefix}' is not a valid client order id prefix", nameof(prefix));
    }

    /// <summary>Parses the text form back (reports, reconciliation); false for ids we did not make.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, ReadOnlySpan<char> prefix, out ClientOrderId id)
    {
        id = None;
        if (text.Length <= prefix.Length + 1 || !text.StartsWith(prefix, StringComparison.Ordinal) || text[prefix.Length] != '-')
        {
            return false;
        }

        if (!long.TryParse(text[(prefix.Length + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long value) || value <= 0)
        {
            return false;
        }

        id = new ClientOrderId(value);
        return true;
    }

    private static bool IsAllowed(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or ':' or '/' or '_' or '-';
}
