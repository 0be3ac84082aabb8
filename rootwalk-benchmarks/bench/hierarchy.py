#!/usr/bin/env python3
"""Writes a delegated DNS hierarchy for NSD on 127.90.0.0/16: zone files, one NSD config per
level, the root hints and the query files the comparison runs.

One NSD process that holds both a parent and its child zone answers from the child and never
sends the referral, so every level gets its own NSD instance: the root on 127.90.0.1, the TLDs on
127.90.1.x, the leaf zones on 127.90.2.x and up (spread over a few instances). 127.90/16 is used
by no test (those use 127.53/16, 127.60/16, 127.77/16 and 127.9.0.1).

Layout written under DIR:
  root.hints                   named.root-style hints for the local root
  nsd/<instance>/nsd.conf      one directory per NSD instance (zones, pid, control socket)
  names-a.txt, names-b.txt     two disjoint cold name sets (dnsperf format "NAME A"), each in its
                               own zones, so a cold run on set B finds no delegation of set A
  names-burst.txt              distinct names answered by the leaf zones' wildcards
  names-warm.txt               the JIT warm-up: cold names in zones of its own (w00000.tld0 …),
                               shaped like set B (a referral per zone, then its names)
"""
import argparse
import os
import random

TTL = 86400  # nothing expires during a run
LEAF_LABELS = ["www", "mail", "api", "cdn", "img", "shop", "blog", "app", "static", "docs"]


def soa(zone, ns):
    rname = "hostmaster.root." if zone == "." else f"hostmaster.{zone}"
    return f"{zone} {TTL} IN SOA {ns} {rname} 1 3600 600 864000 {TTL}\n"


def nsd_conf(inst_dir, addresses, zones):
    """zones: list of (zone name, zone file name)."""
    lines = [
        "server:",
        *[f"  ip-address: {a}" for a in addresses],
        "  port: 53",
        "  do-ip6: no",
        "  reuseport: no",
        "  server-count: 1",
        "  verbosity: 0",
        '  username: ""',
        '  chroot: ""',
        '  database: ""',
        f'  zonesdir: "{inst_dir}"',
        f'  pidfile: "{inst_dir}/nsd.pid"',
        f'  zonelistfile: "{inst_dir}/zone.list"',
        f'  xfrdfile: "{inst_dir}/xfrd.state"',
        f'  xfrdir: "{inst_dir}"',
        f'  logfile: "{inst_dir}/nsd.log"',
        # Debian's NSD is built with response rate limiting, which would drop most of a
        # resolver's queries at benchmark rates: off.
        "  rrl-ratelimit: 0",
        "  rrl-whitelist-ratelimit: 0",
        "  tcp-count: 200",
        "remote-control:",
        "  control-enable: yes",
        f'  control-interface: "{inst_dir}/control.sock"',
    ]
    for name, file in zones:
        lines += ["zone:", f'  name: "{name}"', f'  zonefile: "{file}"']
    with open(os.path.join(inst_dir, "nsd.conf"), "w") as f:
        f.write("\n".join(lines) + "\n")


def leaf_address(j):
    return f"127.90.{2 + j // 250}.{j % 250 + 1}"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--tlds", type=int, default=4)
    p.add_argument("--zones-per-set", type=int, default=2000)
    p.add_argument("--names-per-zone", type=int, default=5)
    p.add_argument("--leaf-addresses", type=int, default=200)
    p.add_argument("--leaf-instances", type=int, default=4)
    p.add_argument("--burst-names", type=int, default=100000)
    p.add_argument("--warm-zones", type=int, default=12000)
    p.add_argument("--seed", type=int, default=11)
    a = p.parse_args()
    if a.names_per_zone > len(LEAF_LABELS):
        p.error(f"at most {len(LEAF_LABELS)} names per zone")
    out = os.path.abspath(a.dir)
    rnd = random.Random(a.seed)
    sets = 2
    zones_total = a.zones_per_set * sets
    # Warm-up zones come after the sets' zones on the same leaf addresses and NSD instances.
    warm_first = zones_total
    all_zones = zones_total + a.warm_zones

    def inst(name):
        d = os.path.join(out, "nsd", name)
        os.makedirs(d, exist_ok=True)
        return d

    # Root.
    root_dir = inst("root")
    root_addr = "127.90.0.1"
    tld_addr = {k: f"127.90.1.{k + 1}" for k in range(a.tlds)}
    with open(os.path.join(root_dir, "root.zone"), "w") as f:
        f.write(soa(".", "a.root."))
        f.write(f". {TTL} IN NS a.root.\na.root. {TTL} IN A {root_addr}\n")
        for k in range(a.tlds):
            f.write(f"tld{k}. {TTL} IN NS ns.tld{k}.\nns.tld{k}. {TTL} IN A {tld_addr[k]}\n")
    nsd_conf(root_dir, [root_addr], [(".", "root.zone")])
    with open(os.path.join(out, "root.hints"), "w") as f:
        f.write(f".            3600000 NS a.root.\na.root.      3600000 A  {root_addr}\n")

    # Leaf zones: zone i lives in TLD i % tlds, on leaf address i % leaf_addresses.
    leaf_zones = {}  # instance index -> [(zone, file)]
    tld_delegations = {k: [] for k in range(a.tlds)}
    names = [[], [], []]  # set A, set B, warm-up
    for i in range(all_zones):
        warm = i >= warm_first
        zone = f"w{i - warm_first:05d}.tld{i % a.tlds}." if warm else f"z{i:05d}.tld{i % a.tlds}."
        j = i % a.leaf_addresses
        addr = leaf_address(j)
        ns = f"ns.{zone}"
        tld_delegations[i % a.tlds].append(f"{zone} {TTL} IN NS {ns}\n{ns} {TTL} IN A {addr}\n")
        n = j % a.leaf_instances
        d = inst(f"leaf{n}")
        file = f"{zone.split('.')[0]}.zone"
        with open(os.path.join(d, file), "w") as f:
            f.write(soa(zone, ns))
            f.write(f"{zone} {TTL} IN NS {ns}\n{ns} {TTL} IN A {addr}\n")
            for h, label in enumerate(LEAF_LABELS[: a.names_per_zone]):
                f.write(f"{label}.{zone} {TTL} IN A 127.91.{h}.{i % 250 + 1}\n")
                names[2 if warm else i // a.zones_per_set].append(f"{label}.{zone[:-1]} A\n")
            f.write(f"*.{zone} {TTL} IN A 127.91.255.{i % 250 + 1}\n")
        leaf_zones.setdefault(n, []).append((zone, file))
    for n, zones in leaf_zones.items():
        addrs = [leaf_address(j) for j in range(a.leaf_addresses) if j % a.leaf_instances == n]
        nsd_conf(os.path.join(out, "nsd", f"leaf{n}"), addrs, zones)

    # TLDs: one instance for all of them (siblings, so it always refers).
    tld_dir = inst("tld")
    tld_files = []
    for k in range(a.tlds):
        zone = f"tld{k}."
        file = f"tld{k}.zone"
        with open(os.path.join(tld_dir, file), "w") as f:
            f.write(soa(zone, f"ns.{zone}"))
            f.write(f"{zone} {TTL} IN NS ns.{zone}\nns.{zone} {TTL} IN A {tld_addr[k]}\n")
            f.writelines(tld_delegations[k])
        tld_files.append((zone, file))
    nsd_conf(tld_dir, list(tld_addr.values()), tld_files)

    for s, label in enumerate(["a", "b", "warm"]):
        rnd.shuffle(names[s])
        with open(os.path.join(out, f"names-{label}.txt"), "w") as f:
            f.writelines(names[s])
    with open(os.path.join(out, "names-burst.txt"), "w") as f:
        for b in range(a.burst_names):
            i = b % zones_total
            f.write(f"b{b}.z{i:05d}.tld{i % a.tlds} A\n")

    instances = sorted(os.listdir(os.path.join(out, "nsd")))
    print(
        f"{zones_total} leaf zones ({a.zones_per_set} per name set) and {a.warm_zones} warm-up"
        f" zones under {a.tlds} TLDs on {a.leaf_addresses} leaf addresses,"
        f" {len(names[0])} + {len(names[1])} + {len(names[2])} (warm-up) names,"
        f" NSD instances: {' '.join(instances)}"
    )


if __name__ == "__main__":
    main()
