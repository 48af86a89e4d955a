// The attacks load the machine on purpose: two at once would measure each other. One at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
