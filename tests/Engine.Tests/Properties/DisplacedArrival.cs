namespace Engine.Tests.Properties;

/// <summary>
/// An arrival order for trades listed in id order (trade times non-decreasing) in which every trade is displaced only
/// within a reorder window W: a trade arrives before trade k only if its time is below the time of k's id predecessor
/// plus W (for the first trade, below its own time plus W). That is the reorder buffer's promise exactly: it gives up a
/// missing id once a trade a window past the last one let through has come, so no trade that obeys this waits in
/// vain, and any arrival that breaks it may lose one. Built greedily: at each step the lowest id not yet arrived may
/// come, and so may every later one whose time is below that bound.
/// </summary>
public static class DisplacedArrival
{
    /// <param name="times">Trade times in id order (non-decreasing).</param>
    /// <param name="windowMs">W.</param>
    /// <param name="seed">Drives the choices.</param>
    /// <param name="inOrderPercent">How often the lowest missing id comes next (the rest: any allowed one).</param>
    /// <returns>Indices into <paramref name="times"/> in arrival order.</returns>
    public static int[] Order(IReadOnlyList<long> times, long windowMs, int seed, int inOrderPercent)
    {
        var random = new Random(seed);
        int n = times.Count;
        var arrived = new bool[n];
        var order = new int[n];
        var allowed = new List<int>();
        int lowest = 0; // the lowest index not yet arrived
        for (int step = 0; step < n; step++)
        {
            while (arrived[lowest])
            {
                lowest++;
            }

            long bound = (lowest == 0 ? times[0] : times[lowest - 1]) + windowMs;
            allowed.Clear();
            allowed.Add(lowest);
            for (int j = lowest + 1; j < n && times[j] < bound; j++)
            {
                if (!arrived[j])
                {
                    allowed.Add(j);
                }
            }

            int pick = random.Next(100) < inOrderPercent ? lowest : allowed[random.Next(allowed.Count)];
            arrived[pick] = true;
            order[step] = pick;
        }

        return order;
    }

    /// <summary>Trades that arrive after a higher id: those the buffer must count as reordered.</summary>
    public static int LateArrivals(int[] order)
    {
        int late = 0, max = -1;
        foreach (int i in order)
        {
            if (i < max)
            {
                late++;
            }

            max = Math.Max(max, i);
        }

        return late;
    }
}
