# One image for web, worker and migrate. The LLM runs in its own vLLM container.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_CONSTRAINT=/app/constraints.txt OPENBLAS_NUM_THREADS=1
RUN apt-get update && apt-get install -y --no-install-recommends build-essential cmake gettext curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml constraints.txt ./
COPY requirements/lock.txt requirements/lock.txt
# The lock, hashes checked (torch's CPU build from PyTorch's index); llama.cpp builds from
# the locked sdist as a portable AVX2 build (see the Makefile's LLAMA_CMAKE_ARGS).
RUN CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON" \
    pip install --require-hashes --no-deps --extra-index-url https://download.pytorch.org/whl/cpu \
    -r requirements/lock.txt
COPY . .
RUN pip install --no-deps --no-build-isolation -e . && python manage.py compilemessages --ignore=.venv -v0 \
    && OPENKITCHEN_VAR_DIR=/tmp/build python manage.py collectstatic --noinput -v0
RUN useradd --create-home openkitchen && mkdir -p /app/var && chown openkitchen /app/var
USER openkitchen
EXPOSE 8000
CMD ["gunicorn", "core.asgi:application", "-k", "uvicorn.workers.UvicornWorker", "-b", "0.0.0.0:8000", "--workers", "4", "--timeout", "120"]
