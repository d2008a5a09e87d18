namespace Engine.Fuzz;

/// <summary>
/// Deterministic mutations of seed inputs (the CI's stand-in for a coverage-guided fuzzer): bit flips, interesting
/// bytes and numbers, truncations, insertions, deletions, duplicated chunks and splices with another seed. The same
/// seed gives the same mutants on every machine and .NET version (own SplitMix64 generator, not System.Random).
/// </summary>
public sealed class Mutator
{
    private static readonly byte[] InterestingBytes =
        [0, 1, 0x7F, 0x80, 0xFF, (byte)'0', (byte)'9', (byte)'-', (byte)'.', (byte)',', (byte)'"', (byte)'{', (byte)'}',
         (byte)'[', (byte)']', (byte)':', (byte)'\\', (byte)'\n', (byte)'\r', (byte)' ', (byte)'e', (byte)'E', (byte)'T'];

    private static readonly byte[][] InterestingTexts =
    [
        "0"u8.ToArray(), "-1"u8.ToArray(), "1e308"u8.ToArray(), "NaN"u8.ToArray(), "99999999999999999999"u8.ToArray(),
        "9223372036854775807"u8.ToArray(), "-9223372036854775808"u8.ToArray(), "0.000000001"u8.ToArray(),
        "92233720368.54775807"u8.ToArray(), "null"u8.ToArray(), "true"u8.ToArray(), "\"\""u8.ToArray(), "{}"u8.ToArray(),
        "[]"u8.ToArray(), "\\u0000"u8.ToArray(), "\xEF\xBB\xBF"u8.ToArray(), "1723161256322000"u8.ToArray(),
        "\"e\":\"aggTrade\","u8.ToArray(), "Timestamp,Trades"u8.ToArray(),
    ];

    private static readonly uint[] InterestingWords = [0, 1, 0x7F, 0x80, 0xFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 64, 65];

    private ulong _state;

    public Mutator(ulong seed) => _state = seed;

    /// <summary>Next 64 random bits (SplitMix64).</summary>
    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    public int Below(int bound) => bound <= 0 ? 0 : (int)(Next() % (ulong)bound);

    /// <summary>One to four stacked mutations of <paramref name="seed"/>; <paramref name="other"/> feeds splices.</summary>
    public byte[] Mutate(byte[] seed, byte[] other)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(other);
        var data = new List<byte>(seed);
        int count = 1 + Below(4);
        for (int i = 0; i < count; i++)
        {
            MutateOnce(data, other);
        }

        if (data.Count > FuzzTargets.MaxInputBytes)
        {
            data.RemoveRange(FuzzTargets.MaxInputBytes, data.Count - FuzzTargets.MaxInputBytes);
        }

        return [.. data];
    }

    private void MutateOnce(List<byte> data, byte[] other)
    {
        int n = data.Count;
        switch (Below(11))
        {
            case 0 when n > 0: // flip one bit
                data[Below(n)] ^= (byte)(1 << Below(8));
                break;
            case 1 when n > 0: // interesting byte
                data[Below(n)] = InterestingBytes[Below(InterestingBytes.Length)];
                break;
            case 2 when n > 0: // random byte
                data[Below(n)] = (byte)Next();
                break;
            case 3 when n > 0: // truncate: keep a head of 0 to n - 1 bytes
                {
                    int keep = Below(n);
                    data.RemoveRange(keep, n - keep);
                    break;
                }

            case 4: // insert random bytes
                {
                    int at = Below(n + 1);
                    int len = 1 + Below(8);
                    for (int k = 0; k < len; k++)
                    {
                        data.Insert(at, (byte)Next());
                    }

                    break;
                }

            case 5 when n > 0: // delete a range
                {
                    int at = Below(n);
                    data.RemoveRange(at, Math.Min(n - at, 1 + Below(16)));
                    break;
                }

            case 6 when n > 1: // duplicate a chunk (a repeated line or record)
                {
                    int at = Below(n);
                    int len = Math.Min(n - at, 1 + Below(128));
                    data.InsertRange(Below(n + 1), data.GetRange(at, len));
                    break;
                }

            case 7: // splice: our head, the other seed's tail
                {
                    int cut = Below(n + 1);
                    int from = Below(other.Length + 1);
                    data.RemoveRange(cut, n - cut);
                    data.AddRange(other.AsSpan(from).ToArray());
                    break;
                }

            case 8: // interesting text
                {
                    byte[] text = InterestingTexts[Below(InterestingTexts.Length)];
                    int at = Below(n + 1);
                    if (n > 0 && Below(2) == 0)
                    {
                        data.RemoveRange(at, Math.Min(n - at, text.Length));
                    }

                    data.InsertRange(Math.Min(at, data.Count), text);
                    break;
                }

            case 9 when n >= 4: // interesting little-endian word (binary headers and records)
                {
                    int at = Below(n - 3);
                    uint word = InterestingWords[Below(InterestingWords.Length)];
                    for (int k = 0; k < 4; k++)
                    {
                        data[at + k] = (byte)(word >> (8 * k));
                    }

                    break;
                }

            case 10 when n > 0: // a digit for another digit (keeps numbers well-formed, changes values)
                {
                    int at = Below(n);
                    for (int k = 0; k < n; k++)
                    {
                        int i = (at + k) % n;
                        if ((uint)(data[i] - '0') <= 9)
                        {
                            data[i] = (byte)('0' + Below(10));
                            break;
                        }
                    }

                    break;
                }

            default:
                data.Insert(Below(n + 1), (byte)Next());
                break;
        }
    }
}
