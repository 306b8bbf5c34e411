"""Reading `/metrics` as Prometheus does: the text parsed by prometheus_client's own parser."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from prometheus_client.parser import text_string_to_metric_families


@dataclass(frozen=True)
class Scrape:
    families: dict[str, object]  # family name -> prometheus_client Metric

    def value(self, sample: str, **labels: str) -> float:
        """The sample `sample` (e.g. "hub_jobs_total") with exactly these labels; 0 when absent
        (a labelled counter has no sample until it is first counted)."""
        for family in self.families.values():
            for found in family.samples:
                if found.name == sample and found.labels == labels:
                    return found.value
        return 0.0

    def label_values(self, sample: str, label: str) -> set[str]:
        return {
            found.labels[label]
            for family in self.families.values()
            for found in family.samples
            if found.name == sample and label in found.labels
        }


def parse(text: str) -> Scrape:
    return Scrape({family.name: family for family in text_string_to_metric_families(text)})


async def scrape(client: httpx.AsyncClient, path: str = "/metrics") -> Scrape:
    response = await client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain; version=")
    return parse(response.text)
