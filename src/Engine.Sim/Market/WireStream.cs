using System.Buffers.Binary;

namespace Engine.Sim.Market;

/// <summary>
/// The stream under a market socket's <see cref="System.Net.WebSockets.WebSocket"/>: the sender writes whole
/// WebSocket messages (one frame each, as Binance sends them) into a buffer and flushes a batch with one write, so
/// the send path costs a copy per frame, not a socket write. Writes by the WebSocket itself (pings, close) pass
/// through the same lock and are flushed at once, so frames never interleave.
/// </summary>
internal sealed class WireStream(Stream inner) : Stream
{
    private const int FlushAt = 64 * 1024;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private byte[] _buffer = new byte[FlushAt * 2];
    private int _length;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Appends one unmasked, final text frame carrying <paramref name="payload"/>; flushes when the buffer is full.</summary>
    public async ValueTask AppendTextFrameAsync(byte[] payload, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            int need = payload.Length + 10;
            if (_length + need > _buffer.Length)
            {
                await FlushLockedAsync(cancellationToken).ConfigureAwait(false);
                if (need > _buffer.Length)
                {
                    Array.Resize(ref _buffer, need);
                }
            }

            _length += WriteHeader(_buffer.AsSpan(_length), payload.Length);
            payload.CopyTo(_buffer.AsSpan(_length));
            _length += payload.Length;
            if (_length >= FlushAt)
            {
                await FlushLockedAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>A server frame's header: FIN + text opcode, unmasked 7/16/64-bit length.</summary>
    internal static int WriteHeader(Span<byte> b, int length)
    {
        b[0] = 0x81;
        if (length < 126)
        {
            b[1] = (byte)length;
            return 2;
        }

        if (length <= ushort.MaxValue)
        {
            b[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(b[2..], (ushort)length);
            return 4;
        }

        b[1] = 127;
        BinaryPrimitives.WriteUInt64BigEndian(b[2..], (ulong)length);
        return 10;
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushLockedAsync(cancellationToken).ConfigureAwait(false);
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _lock.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask FlushLockedAsync(CancellationToken cancellationToken)
    {
        if (_length == 0)
        {
            return;
        }

        int n = _length;
        _length = 0;
        await inner.WriteAsync(_buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
        await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
