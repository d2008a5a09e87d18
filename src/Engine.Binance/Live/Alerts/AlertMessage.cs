using System.Globalization;
using Microsoft.Extensions.ObjectPool;

namespace Engine.Binance.Live.Alerts;

/// <summary>
/// One alert on its way to the webhook, pooled: the thread that raises it rents one from the sink
/// (<see cref="AlertSink.Rent"/>), writes its text in place (<see cref="Write"/>: an interpolated string formatted
/// straight into the message's own buffer), and hands it over with <see cref="AlertSink.Raise(AlertMessage)"/>; the
/// sender's thread returns it to the pool once it is posted or dropped. The gateway's thread raises alerts this way,
/// so an alert costs it no allocation (the sink fills its pool at start). A message belongs to one thread at a time: the
/// one that rented it until it is raised, the sink after that.
/// </summary>
public sealed class AlertMessage
{
    /// <summary>Room for a message's text; a longer one is cut at this length with "…".</summary>
    public const int Capacity = 1024;

    private readonly char[] _text = new char[Capacity];
    private int _length;

    public AlertKind Kind { get; set; }

    /// <summary>The symbol's name (the registry's string, not a copy), or null when the alert is about no one symbol.</summary>
    public string? Symbol { get; set; }

    /// <summary>Set by the sink when it takes the message.</summary>
    public DateTime TimeUtc { get; internal set; }

    /// <summary>The sink's count of alerts taken, this one included.</summary>
    public long Sequence { get; internal set; }

    /// <summary>Alerts the rate limit dropped since the last one taken.</summary>
    public long Suppressed { get; internal set; }

    public ReadOnlySpan<char> Text => _text.AsSpan(0, _length);

    /// <summary>
    /// Replaces the text with <paramref name="handler"/>'s (invariant culture). Strings, numbers and
    /// <see cref="Engine.Model.Quantity"/> are formatted in place, allocating nothing; an enum formats too, but its own
    /// formatting boxes it, so a caller that must not allocate passes its name (<c>ByteEnumNames</c>). Text that does
    /// not fit is cut.
    /// </summary>
    public void Write([System.Runtime.CompilerServices.InterpolatedStringHandlerArgument("")] ref TextHandler handler) =>
        _length = handler.Finish();

    /// <summary>Replaces the text with <paramref name="text"/> (cut when longer than <see cref="Capacity"/>).</summary>
    public void Write(ReadOnlySpan<char> text)
    {
        if (text.Length <= Capacity)
        {
            text.CopyTo(_text);
            _length = text.Length;
            return;
        }

        text[..(Capacity - 1)].CopyTo(_text);
        _text[Capacity - 1] = '…';
        _length = Capacity;
    }

    public override string ToString() => new(Text);

    internal void Clear()
    {
        Kind = AlertKind.None;
        Symbol = null;
        TimeUtc = default;
        Sequence = 0;
        Suppressed = 0;
        _length = 0;
    }

    /// <summary>The pool's policy: a returned message is cleared and kept.</summary>
    internal sealed class Policy : PooledObjectPolicy<AlertMessage>
    {
        private long _created;

        /// <summary>Messages the pool had to create (the rest were reused).</summary>
        public long Created => Interlocked.Read(ref _created);

        public override AlertMessage Create()
        {
            Interlocked.Increment(ref _created);
            return new AlertMessage();
        }

        public override bool Return(AlertMessage obj)
        {
            obj.Clear();
            return true;
        }
    }

    /// <summary>
    /// Formats an interpolated string into the message's buffer (<see cref="MemoryExtensions.TryWrite(Span{char}, IFormatProvider?, ref MemoryExtensions.TryWriteInterpolatedStringHandler, out int)"/>
    /// underneath); when the text does not fit, what fitted is kept and ends with "…".
    /// </summary>
    [System.Runtime.CompilerServices.InterpolatedStringHandler]
    public ref struct TextHandler
    {
        private readonly char[] _destination;
        private int _length;
        private bool _full;

        public TextHandler(int literalLength, int formattedCount, AlertMessage message)
        {
            _destination = message._text;
            _length = 0;
            _full = false;
        }

        public void AppendLiteral(string value) => Append(value.AsSpan());

        public void AppendFormatted(string? value) => Append(value.AsSpan());

        public void AppendFormatted(ReadOnlySpan<char> value) => Append(value);

        public void AppendFormatted<T>(T value)
            where T : ISpanFormattable
        {
            if (_full)
            {
                return;
            }

            if (value.TryFormat(_destination.AsSpan(_length), out int written, default, CultureInfo.InvariantCulture))
            {
                _length += written;
            }
            else
            {
                Cut(default);
            }
        }

        internal int Finish() => _length;

        private void Append(ReadOnlySpan<char> value)
        {
            if (_full)
            {
                return;
            }

            if (value.Length <= _destination.Length - _length)
            {
                value.CopyTo(_destination.AsSpan(_length));
                _length += value.Length;
                return;
            }

            Cut(value);
        }

        // Keeps what fits of the text that did not, and ends the message with "…".
        private void Cut(ReadOnlySpan<char> partial)
        {
            _full = true;
            int room = _destination.Length - _length;
            if (room == 0)
            {
                _destination[^1] = '…';
                return;
            }

            int take = Math.Min(partial.Length, room - 1);
            partial[..take].CopyTo(_destination.AsSpan(_length));
            _length += take;
            _destination[_length++] = '…';
        }
    }
}
