namespace NetProg.Accounts.Internal;

/// <summary>
/// A bounded map from key to <see cref="ThrottleEntry"/>. When full, idle entries are dropped; if none is idle, the entry
/// with the fewest failures (the least recently active among equals) that has no attempt in flight gives way. That scan is O(n), paid only
/// by a new key arriving at a full table, next to an Argon2 hash that costs far more. Not thread-safe: the throttle locks.
/// </summary>
internal sealed class ThrottleTable<TKey>(int capacity)
    where TKey : notnull
{
    private readonly Dictionary<TKey, ThrottleEntry> entries = [];

    public int Count => entries.Count;

    public ThrottleEntry? Find(TKey key) => entries.GetValueOrDefault(key);

    /// <summary>The key's entry, created if needed; null only when every tracked key has an attempt in flight.</summary>
    public ThrottleEntry? GetOrAdd(TKey key, TimeSpan now, TimeSpan forgetAfter)
    {
        if (entries.TryGetValue(key, out var entry))
        {
            return entry;
        }

        if (entries.Count >= capacity && !MakeRoom(now, forgetAfter))
        {
            return null;
        }

        entry = new ThrottleEntry();
        entries.Add(key, entry);
        return entry;
    }

    /// <summary>Drops the entry if it holds nothing worth keeping (called after an attempt finishes).</summary>
    public void RemoveIfIdle(TKey key, TimeSpan now, TimeSpan forgetAfter)
    {
        if (entries.TryGetValue(key, out var entry) && entry.IsIdle(now, forgetAfter))
        {
            entries.Remove(key);
        }
    }

    private bool MakeRoom(TimeSpan now, TimeSpan forgetAfter)
    {
        var idle = entries.Where(pair => pair.Value.IsIdle(now, forgetAfter)).Select(pair => pair.Key).ToList();
        foreach (var key in idle)
        {
            entries.Remove(key);
        }

        if (idle.Count > 0)
        {
            return true;
        }

        var victim = default(KeyValuePair<TKey, ThrottleEntry>?);
        foreach (var pair in entries)
        {
            if (pair.Value.Pending == 0 &&
                (victim is not { } best ||
                 pair.Value.Failures < best.Value.Failures ||
                 (pair.Value.Failures == best.Value.Failures && pair.Value.LastActive < best.Value.LastActive)))
            {
                victim = pair;
            }
        }

        if (victim is not { } chosen)
        {
            return false;
        }

        entries.Remove(chosen.Key);
        return true;
    }
}
