"""The sandbox's stock of skill names: eight top categories, their sub-categories and skills.

Plain data. `seed.py` takes the discipline skills first, then names drawn from the seeded
issues' labels and components, then this catalogue, then generated `"<topic> <aspect>"` names
until it has as many skills as `config.skills` asks for. `LEVELED` marks skills held at a level
(`"Python - Expert"`); the rest are plain (`"Docker"`), as in Skills for Jira itself.
"""

from __future__ import annotations

# Top category -> (its discipline skill, always leveled; sub-category -> skill names).
CATALOG: dict[str, tuple[str, dict[str, tuple[str, ...]]]] = {
    "Engineering": (
        "Engineering",
        {
            "Backend": ("Backend", "API Design", "Databases", "PostgreSQL", "Caching", "Messaging",
                        "Microservices", "GraphQL", "REST", "Concurrency"),
            "Frontend": ("Frontend", "JavaScript", "TypeScript", "HTML/CSS", "React", "Vue",
                         "Accessibility", "Web Performance", "Browser Extensions"),
            "Mobile": ("Mobile", "iOS", "Android", "Swift", "Kotlin", "React Native", "Push Notifications"),
            "Languages": ("Python", "Java", "Go", "Rust", "C++", "Ruby", "Scala", "SQL"),
        },
    ),
    "Design": (
        "Design",
        {
            "UX": ("User Flows", "Wireframes", "Usability Testing", "UX Research", "Information Architecture",
                   "Interaction Design"),
            "Visual": ("UI", "Visual Design", "Typography", "Icons", "Design Systems", "Motion Design"),
        },
    ),
    "Quality": (
        "QA",
        {
            "Testing": ("Test Planning", "Exploratory Testing", "Regression", "Performance Testing",
                        "Security Testing", "Bug Triage"),
            "Automation": ("Test Automation", "Selenium", "Playwright", "Cypress", "Contract Testing",
                           "Load Testing"),
        },
    ),
    "Operations": (
        "Operations",
        {
            "Infrastructure": ("Infrastructure", "Docker", "Kubernetes", "Terraform", "AWS", "Azure",
                               "Networking", "Linux"),
            "Observability": ("Monitoring", "Logging", "Tracing", "Incident Response", "On-call"),
            "Security": ("Security", "Authentication", "OAuth", "Encryption", "Compliance",
                         "Threat Modelling"),
            "Delivery": ("CI/CD", "Release Management", "Build Systems", "DevOps"),
        },
    ),
    "Data": (
        "Data",
        {
            "Analytics": ("Reporting", "Dashboards", "Data Modelling", "ETL", "Data Warehousing", "Spark"),
            "Machine Learning": ("Machine Learning", "NLP", "Recommendation Systems", "MLOps",
                                 "Statistics"),
        },
    ),
    "Product": (
        "Product",
        {
            "Discovery": ("Product Discovery", "Customer Interviews", "Roadmapping", "Prioritisation"),
            "Delivery": ("Agile", "Scrum", "Kanban", "Estimation", "Stakeholder Management"),
            "Domain": ("Billing", "Payments", "Search", "Onboarding", "Notifications", "Integrations",
                       "Customer Support", "Documentation", "Localisation", "Migration"),
        },
    ),
    "Marketing": (
        "Marketing",
        {
            "Content": ("Copywriting", "Technical Writing", "Blogging", "Video"),
            "Growth": ("Social Media Marketing", "SEO", "Email Campaigns", "Analytics Tagging",
                       "Events"),
        },
    ),
    "Communication": (
        "English",
        {
            "Languages": ("German", "French", "Spanish", "Japanese", "Polish", "Portuguese"),
            "Practice": ("Presenting", "Mentoring", "Facilitation", "Negotiation"),
        },
    ),
}

# Skills held at a level besides the discipline skills.
LEVELED: frozenset[str] = frozenset({
    "Java", "Go", "Rust", "C++", "Ruby", "Scala", "SQL", "TypeScript", "Kotlin", "Swift",
    "Kubernetes", "AWS", "Machine Learning", "German", "French", "Spanish", "Japanese", "Polish",
    "Portuguese", "Security", "UX Research",
})

# The names the API page's examples use, always in the tree so that its examples replay as written.
DOCUMENTED: tuple[tuple[str, str, str], ...] = (
    ("Engineering", "Frontend", "JavaScript"),
    ("Engineering", "Frontend", "HTML/CSS"),
    ("Engineering", "Languages", "Python"),
    ("Design", "UX", "User Flows"),
    ("Design", "UX", "Wireframes"),
    ("Design", "UX", "Usability Testing"),
    ("Quality", "Automation", "Test Automation"),
    ("Quality", "Automation", "Selenium"),
    ("Marketing", "Growth", "Social Media Marketing"),
    ("Product", "Discovery", "Product Discovery"),
)

# Where a label- or component-derived skill goes: the first keyword it contains picks the place.
PLACEMENT: tuple[tuple[str, tuple[str, str]], ...] = (
    ("api", ("Engineering", "Backend")),
    ("backend", ("Engineering", "Backend")),
    ("server", ("Engineering", "Backend")),
    ("db", ("Engineering", "Backend")),
    ("data", ("Data", "Analytics")),
    ("report", ("Data", "Analytics")),
    ("frontend", ("Engineering", "Frontend")),
    ("web", ("Engineering", "Frontend")),
    ("ui", ("Design", "Visual")),
    ("ux", ("Design", "UX")),
    ("design", ("Design", "UX")),
    ("mobile", ("Engineering", "Mobile")),
    ("ios", ("Engineering", "Mobile")),
    ("android", ("Engineering", "Mobile")),
    ("test", ("Quality", "Testing")),
    ("qa", ("Quality", "Testing")),
    ("regression", ("Quality", "Testing")),
    ("flaky", ("Quality", "Testing")),
    ("perf", ("Quality", "Testing")),
    ("infra", ("Operations", "Infrastructure")),
    ("ops", ("Operations", "Infrastructure")),
    ("deploy", ("Operations", "Delivery")),
    ("release", ("Operations", "Delivery")),
    ("build", ("Operations", "Delivery")),
    ("ci", ("Operations", "Delivery")),
    ("security", ("Operations", "Security")),
    ("auth", ("Operations", "Security")),
    ("monitor", ("Operations", "Observability")),
    ("alert", ("Operations", "Observability")),
    ("market", ("Marketing", "Growth")),
    ("seo", ("Marketing", "Growth")),
    ("doc", ("Marketing", "Content")),
    ("i18n", ("Communication", "Languages")),
    ("l10n", ("Communication", "Languages")),
)
DEFAULT_PLACE: tuple[str, str] = ("Product", "Domain")

# Labels that mark where an issue is in the process, not what it needs: never skills.
PROCESS_LABELS: frozenset[str] = frozenset(
    {"needstriage", "goodfirstissue", "spike", "releaseblocker", "wontfix", "duplicate", "blocked"}
)

# For worlds asking for more skills than the catalogue holds: "<topic> <aspect>" names.
TOPICS: tuple[str, ...] = (
    "Kafka", "Redis", "Elasticsearch", "MySQL", "MongoDB", "Cassandra", "RabbitMQ", "gRPC",
    "Nginx", "Envoy", "Istio", "Helm", "Ansible", "Prometheus", "Grafana", "OpenTelemetry",
    "Django", "Flask", "FastAPI", "Spring", "Rails", "Node.js", "Angular", "Svelte", "Next.js",
    "Flutter", "Unity", "WebAssembly", "Bazel", "Gradle", "Webpack", "Vite", "Airflow", "dbt",
    "Snowflake", "BigQuery", "Tableau", "Looker", "PyTorch", "TensorFlow", "Figma", "Sketch",
    "Jira", "Confluence", "Bitbucket", "GitHub Actions", "Jenkins", "Vault", "Keycloak", "LDAP",
)
ASPECTS: tuple[str, ...] = (
    "Administration", "Performance", "Security", "Migration", "Testing", "Troubleshooting",
    "Architecture", "Automation", "Upgrades", "Training",
)
